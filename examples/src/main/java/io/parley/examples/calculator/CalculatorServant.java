package io.parley.examples.calculator;

import io.parley.Export;
import java.math.BigDecimal;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** The calculator's implementation, exported under the name {@code calculator}. */
@Export("calculator")
public class CalculatorServant implements Calculator {
    private final List<String> notes = new CopyOnWriteArrayList<>();

    @Override
    public int add(int a, int b) {
        return a + b;
    }

    @Override
    public double divide(double dividend, double divisor) throws DivisionByZero {
        if (divisor == 0) {
            throw new DivisionByZero("cannot divide " + dividend + " by zero");
        }
        return dividend / divisor;
    }

    @Override
    public CompletableFuture<BigDecimal> power(BigDecimal base, int exponent) {
        return CompletableFuture.supplyAsync(() -> base.pow(exponent));
    }

    @Override
    public Statistics statistics(List<Double> samples) {
        DoubleSummaryStatistics stats = samples.stream().mapToDouble(Double::doubleValue).summaryStatistics();
        return new Statistics((int) stats.getCount(), stats.getAverage(), stats.getMin(), stats.getMax());
    }

    @Override
    public void note(String line) {
        notes.add(line);
    }

    @Override
    public List<String> notes() {
        return List.copyOf(notes);
    }
}
