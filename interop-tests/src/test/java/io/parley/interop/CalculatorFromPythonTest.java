package io.parley.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Orb;
import io.parley.examples.calculator.Calculator;
import io.parley.examples.calculator.CalculatorServant;
import io.parley.idl.generator.IdlGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The README's Python example ({@code src/test/python/calculator_client.py}) calls the calculator example. */
class CalculatorFromPythonTest {
    private static final Path CLIENT = Path.of("src/test/python/calculator_client.py").toAbsolutePath();

    @Test
    @Timeout(120)
    void readmePythonClientCallsTheCalculator(@TempDir Path work) throws Exception {
        CalculatorServant servant = new CalculatorServant();
        try (Orb orb = Orb.builder().build()) {
            orb.export(servant);
            int port = orb.endpoint().orElseThrow().port();
            // The same IDL as the examples' build writes to examples/target/idl/calculator.thrift.
            Path idl = IdlGenerator.builder().service(Calculator.class).namespace("py", "calculator").build()
                    .writeTo(work.resolve("calculator.thrift"));
            Path generated = ThriftTools.generate("py", idl, work.resolve("gen-py"));

            ThriftTools.Result run = ThriftTools.python(CLIENT, generated, Duration.ofSeconds(60), "127.0.0.1",
                    String.valueOf(port));

            assertEquals(0, run.exitCode(), run.output());
            assertEquals(List.of("add(2, 3) = 5", "divide(1, 0) threw DivisionByZero: cannot divide 1.0 by zero",
                    "power(1.5, 3) = 3.375", "statistics = Statistics(count=3, mean=3.0, min=1.0, max=6.0)"),
                    run.output().lines().toList());
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!servant.notes().contains("hello from Python") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(servant.notes().contains("hello from Python"), "the oneway note arrived: " + servant.notes());
        }
    }
}
