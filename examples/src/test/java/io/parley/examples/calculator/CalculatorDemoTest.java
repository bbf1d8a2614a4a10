package io.parley.examples.calculator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's example runs end to end: a server JVM and a client. */
class CalculatorDemoTest {

    @Test
    @Timeout(60)
    void demoCallsTheCalculatorInAnotherJvm() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CalculatorDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("add(2, 3) = 5"), output);
        assertTrue(output.contains("divide(1, 4) = 0.25"), output);
        assertTrue(output.contains("divide(1, 0) threw DivisionByZero: cannot divide 1.0 by zero"), output);
        assertTrue(output.contains("power(1.5, 3) = 3.375"), output);
        assertTrue(output.contains("statistics = Statistics[count=3, mean=3.0, min=1.0, max=6.0]"), output);
        assertTrue(output.contains("add(40, 2) within 500 ms = 42"), output);
        assertTrue(output.contains("notes = [hello from the client]"), output);
        assertTrue(output.contains("server stopped"), output);
    }
}
