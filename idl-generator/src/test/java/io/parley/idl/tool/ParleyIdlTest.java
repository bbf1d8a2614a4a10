package io.parley.idl.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.idl.generator.fixtures.Deleter;
import io.parley.idl.generator.fixtures.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParleyIdlTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void thriftCommandWritesTheIdlOfTheNamedClasses(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("warehouse.thrift");
        assertEquals(0, run("thrift", "--out", file.toString(), "--namespace", "py=warehouse",
                Warehouse.class.getName()), errors());
        String idl = Files.readString(file);
        assertTrue(idl.contains("namespace py warehouse\n"), idl);
        assertTrue(idl.contains("service Warehouse extends Pingable {"), idl);
    }

    @Test
    void javaCommandWritesSourcesFromIdl(@TempDir Path dir) throws Exception {
        Path idl = dir.resolve("w.thrift");
        run("thrift", "--out", idl.toString(), Warehouse.class.getName());
        assertEquals(0, run("java", "--out", dir.resolve("src").toString(), "--package", "gen", idl.toString()),
                errors());
        assertTrue(Files.exists(dir.resolve("src/gen/Warehouse.java")));
        assertTrue(output().contains("Java sources under"), output());
    }

    @Test
    void interfacesThatCannotBeWrittenExitWithOneAndTheReason(@TempDir Path dir) {
        assertEquals(1, run("thrift", "--out", dir.resolve("d.thrift").toString(), Deleter.class.getName()));
        assertTrue(errors().contains("'delete' is reserved"), errors());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run("thrift", "io.acme.Missing"));
        assertTrue(errors().contains("give --out"), errors());
        assertEquals(2, run("idl"));
        assertTrue(errors().contains("usage: ParleyIdl"), errors());
    }

    private int run(String... args) {
        return ParleyIdl.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
