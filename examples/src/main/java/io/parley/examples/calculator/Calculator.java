package io.parley.examples.calculator;

import io.parley.Oneway;
import io.parley.Remote;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A remote calculator: the interface both sides share. */
@Remote
public interface Calculator {

    int add(int a, int b);

    /** Declared exceptions reach the caller as themselves. */
    double divide(double dividend, double divisor) throws DivisionByZero;

    /** Asynchronous: the caller gets a future at once, and no thread waits for the answer. */
    CompletableFuture<BigDecimal> power(BigDecimal base, int exponent);

    /** Records travel by value. */
    Statistics statistics(List<Double> samples);

    /** Sent and not answered. */
    @Oneway
    void note(String line);

    /** The lines noted so far. */
    List<String> notes();

    /** Summary statistics of a sample. */
    record Statistics(int count, double mean, double min, double max) {
    }

    /** Division by zero, as a declared exception. */
    class DivisionByZero extends Exception {
        private static final long serialVersionUID = 1L;

        public DivisionByZero(String message) {
            super(message);
        }
    }
}
