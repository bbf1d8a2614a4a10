package io.parley.interop;

import io.parley.Id;
import io.parley.Oneway;
import io.parley.Remote;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** What the Python client calls: one method per case of the cross-language contract. */
@Remote
public interface Interop extends Greeter {

    long add(long a, long b);

    long negate(long value);

    double divide(double dividend, double divisor) throws DivisionByZero, NotANumber;

    byte[] reverse(byte[] data);

    Order echo(Order order);

    Map<String, List<Integer>> positions(List<String> words);

    Set<Color> complement(Set<Color> colors);

    CompletableFuture<String> later(String text);

    Stamp stamp(Stamp stamp);

    Optional<String> lookup(String key);

    String fail(String message);

    @Oneway
    void note(String line);

    List<String> notes();

    /** An order: nested records, containers, an optional component and an enum. */
    record Order(UUID id, Customer customer, List<Line> lines, Map<String, Long> totals, Optional<String> remark,
            Color color) {
    }

    record Customer(String name, Address address) {
    }

    record Address(String city, List<String> lines) {
    }

    record Line(String product, int quantity, BigDecimal price) {
    }

    /** The Java types that Parley maps itself. */
    record Stamp(Instant at, Duration took, char grade, float ratio, short small, byte tiny, @Id(9) boolean flag) {
    }

    enum Color { RED, GREEN, @Id(7) BLUE }

    class DivisionByZero extends Exception {
        private static final long serialVersionUID = 1L;

        public DivisionByZero(String message) {
            super(message);
        }
    }

    class NotANumber extends Exception {
        private static final long serialVersionUID = 1L;

        public NotANumber(String message) {
            super(message);
        }
    }
}
