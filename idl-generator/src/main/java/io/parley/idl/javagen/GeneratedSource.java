package io.parley.idl.javagen;

import java.nio.file.Path;

/**
 * One generated Java source file.
 *
 * @param qualifiedName the fully qualified name of its top-level type
 * @param source        the Java source text
 */
public record GeneratedSource(String qualifiedName, String source) {
    /** Where the file goes under a source root: {@code com/acme/Calculator.java}. */
    public Path relativePath() {
        return Path.of(qualifiedName.replace('.', '/') + ".java");
    }
}
