package io.parley.bench;

import java.io.IOException;

/**
 * One client thread's handle on a system under test. For RMI and Parley every caller wraps the same stub or proxy,
 * which is how applications call them; for the raw socket floor every caller owns a connection.
 */
public interface Caller extends AutoCloseable {

    /** A call of {@code int add(int a, int b)}. */
    int add(int a, int b) throws Exception;

    /** A call of {@code byte[] echo(byte[] payload)}. */
    byte[] echo(byte[] payload) throws Exception;

    /** Releases what this caller alone owns (a raw connection); shared stubs and proxies stay open. */
    @Override
    default void close() throws IOException {
    }
}
