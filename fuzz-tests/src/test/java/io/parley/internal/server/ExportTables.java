package io.parley.internal.server;

import io.parley.spi.codec.CallResolver;

/**
 * The fuzz tests' door to core's export table: {@link ExportTable#resolve} is what the server hands the codec, and is
 * package-private. This class lives in the fuzz-tests module only (same package, no module system), so core's API
 * does not grow for a test.
 */
public final class ExportTables {
    private ExportTables() {
    }

    /** The resolver a server's dispatcher gives the codec for calls to the objects of {@code table}. */
    public static CallResolver resolverOf(ExportTable table) {
        return table::resolve;
    }
}
