package io.parley.interop;

import io.parley.Export;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** The servant the Python client calls, exported under the name {@code interop}. */
@Export("interop")
public class InteropServant implements Interop {
    private final List<String> notes = new CopyOnWriteArrayList<>();

    @Override
    public String greet(String name) {
        return "hello, " + name;
    }

    @Override
    public long add(long a, long b) {
        return a + b;
    }

    @Override
    public long negate(long value) {
        return -value;
    }

    @Override
    public double divide(double dividend, double divisor) throws DivisionByZero, NotANumber {
        if (Double.isNaN(dividend) || Double.isNaN(divisor)) {
            throw new NotANumber("NaN is not a number");
        }
        if (divisor == 0) {
            throw new DivisionByZero("cannot divide " + dividend + " by zero");
        }
        return dividend / divisor;
    }

    @Override
    public byte[] reverse(byte[] data) {
        byte[] result = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            result[i] = data[data.length - 1 - i];
        }
        return result;
    }

    @Override
    public Order echo(Order order) {
        return order;
    }

    @Override
    public Map<String, List<Integer>> positions(List<String> words) {
        Map<String, List<Integer>> result = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            result.computeIfAbsent(words.get(i), word -> new ArrayList<>()).add(i);
        }
        return result;
    }

    @Override
    public Set<Color> complement(Set<Color> colors) {
        Set<Color> result = EnumSet.allOf(Color.class);
        result.removeAll(colors);
        return result;
    }

    @Override
    public CompletableFuture<String> later(String text) {
        return CompletableFuture.supplyAsync(() -> text.toUpperCase(java.util.Locale.ROOT));
    }

    @Override
    public Stamp stamp(Stamp stamp) {
        return new Stamp(stamp.at().plusSeconds(1), stamp.took().multipliedBy(2), (char) (stamp.grade() + 1),
                stamp.ratio() * 2, (short) (stamp.small() + 1), (byte) (stamp.tiny() + 1), !stamp.flag());
    }

    @Override
    public Optional<String> lookup(String key) {
        return key.equals("known") ? Optional.of("found " + key) : Optional.empty();
    }

    @Override
    public String fail(String message) {
        throw new IllegalStateException(message);
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
