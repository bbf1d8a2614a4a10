package io.parley.examples.calculator;

import io.parley.Calls;
import io.parley.Orb;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * The client: connects to a calculator by reference and makes one call of each kind.
 * Run: {@code java -cp … io.parley.examples.calculator.CalculatorClient parley://127.0.0.1:PORT/Calculator/calculator}.
 */
public final class CalculatorClient {
    private CalculatorClient() {
    }

    public static void main(String[] args) throws Exception {
        try (Orb orb = Orb.builder().name("calculator-client").build()) {
            run(orb.connect(args[0], Calculator.class), System.out);
        }
    }

    /** Makes the example's calls and prints what comes back. */
    static void run(Calculator calculator, PrintStream out) throws Exception {
        out.println("add(2, 3) = " + calculator.add(2, 3));
        out.println("divide(1, 4) = " + calculator.divide(1, 4));
        try {
            calculator.divide(1, 0);
        } catch (Calculator.DivisionByZero e) {
            out.println("divide(1, 0) threw DivisionByZero: " + e.getMessage());
        }
        BigDecimal power = calculator.power(new BigDecimal("1.5"), 3).get();
        out.println("power(1.5, 3) = " + power);
        out.println("statistics = " + calculator.statistics(List.of(1.0, 2.0, 6.0)));
        calculator.note("hello from the client");
        int sum = Calls.withTimeout(Duration.ofMillis(500), () -> calculator.add(40, 2));
        out.println("add(40, 2) within 500 ms = " + sum);
        out.println("notes = " + awaitNote(calculator, "hello from the client"));
    }

    /** A oneway call is not answered: poll until its effect is visible. */
    private static List<String> awaitNote(Calculator calculator, String note) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<String> notes = calculator.notes();
        while (!notes.contains(note) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            notes = calculator.notes();
        }
        return notes;
    }
}
