package io.parley.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Orb;
import io.parley.idl.generator.IdlGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standard Python Thrift client, built by {@code thrift --gen py} from the IDL that Parley generated for
 * {@link Interop}, calls a Parley server in this JVM over framed TCP, in the compact and the binary protocol. Each
 * case is a function of {@code src/test/python/interop_client.py}, on a fresh connection.
 */
class PythonClientTest {
    private static final Path CLIENT = Path.of("src/test/python/interop_client.py").toAbsolutePath();

    /** Every case of the cross-language contract: the Python functions {@code case_<name>}. */
    private static final List<String> CASES = List.of("results", "i64_extremes", "declared_exceptions", "oneway",
            "binary", "nested_structs", "lists_and_maps", "parley_types", "empty_optional_result",
            "undeclared_failure", "unknown_object", "unknown_method", "not_multiplexed");

    @TempDir
    static Path work;
    private static Orb orb;
    private static Path generated;
    private static int port;

    @BeforeAll
    static void startServerAndGeneratePythonClient() throws Exception {
        orb = Orb.builder().build();
        orb.export(new InteropServant());
        port = orb.endpoint().orElseThrow().port();
        Path idl = IdlGenerator.builder().service(Interop.class).namespace("py", "interop").build()
                .writeTo(work.resolve("interop.thrift"));
        generated = ThriftTools.generate("py", idl, work.resolve("gen-py"));
    }

    @AfterAll
    static void stopServer() {
        if (orb != null) {
            orb.close();
        }
    }

    @TestFactory
    @Timeout(120)
    Stream<DynamicTest> pythonClientOverCompactProtocol() throws Exception {
        return cases("compact");
    }

    @TestFactory
    @Timeout(120)
    Stream<DynamicTest> pythonClientOverBinaryProtocol() throws Exception {
        return cases("binary");
    }

    /** Runs every case in one Python process, then reports each case as its own test. */
    private static Stream<DynamicTest> cases(String protocol) throws Exception {
        ThriftTools.Result run = ThriftTools.python(CLIENT, generated, Duration.ofSeconds(90),
                String.valueOf(port), protocol);
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : CASES) {
            tests.add(DynamicTest.dynamicTest(name.replace('_', ' ') + " (" + protocol + ")", () ->
                    assertTrue(run.output().lines().anyMatch(("PASS " + name)::equals),
                            "case " + name + " did not pass:\n" + run.output())));
        }
        tests.add(DynamicTest.dynamicTest("every case ran and the client exited with 0 (" + protocol + ")", () -> {
            assertEquals(CASES.size(), run.output().lines().filter(line -> line.startsWith("PASS ")).count(),
                    run.output());
            assertEquals(0, run.exitCode(), run.output());
        }));
        return tests.stream();
    }
}
