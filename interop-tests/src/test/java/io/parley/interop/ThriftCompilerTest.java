package io.parley.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.idl.generator.IdlGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Debian's Thrift 0.17 compiler accepts the IDL Parley generates, without a warning, for Python and for Java. */
@Timeout(120)
class ThriftCompilerTest {
    @TempDir
    static Path work;
    private static Path idl;

    @BeforeAll
    static void generateIdl() {
        idl = IdlGenerator.builder().service(Interop.class).service(Edges.class).namespace("py", "edges")
                .build().writeTo(work.resolve("edges.thrift"));
    }

    @Test
    void pythonGeneratorAcceptsTheIdl() throws Exception {
        Path out = ThriftTools.generate("py", idl, work.resolve("gen-py"));
        assertTrue(Files.exists(out.resolve("edges/edges_Edges.py")), "the service module");
        assertTrue(Files.exists(out.resolve("edges/Interop.py")), "the service module");
        assertTrue(Files.readString(out.resolve("edges/ttypes.py")).contains("class Tree("), "the structs");
    }

    @Test
    void javaGeneratorAcceptsTheIdl() throws Exception {
        Path out = ThriftTools.generate("java", idl, work.resolve("gen-java"));
        try (Stream<Path> files = Files.walk(out)) {
            assertTrue(files.anyMatch(file -> file.endsWith("io/parley/interop/RemoteRef.java")),
                    "the RemoteRef struct, in the namespace of the first service's package");
        }
    }
}
