package io.parley.idl;

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

/** The remote interfaces and value types the codec tests exchange. */
public final class TestModel {
    private TestModel() {
    }

    public enum Color { RED, GREEN, @Id(10) BLUE }

    /** One component of every kind. */
    public record Everything(boolean bool, Boolean boxedBool, byte b, Byte boxedByte, short s, Short boxedShort,
            int i, Integer boxedInt, long l, Long boxedLong, float f, Float boxedFloat, double d, Double boxedDouble,
            char c, Character boxedChar, String string, byte[] binary, Color color, Instant instant,
            Duration duration, UUID uuid, BigDecimal decimal, List<String> list, Set<Integer> set,
            Map<String, List<Long>> mapOfLists, Optional<String> optional, Node tree) {
    }

    /** A recursive record: a tree. */
    public record Node(String name, List<Node> children) {
    }

    public record Money(@Id(3) long cents, @Id(1) String currency) {
    }

    public static class InsufficientFunds extends Exception {
        private static final long serialVersionUID = 1L;

        public InsufficientFunds(String message) {
            super(message);
        }
    }

    public static class AccountLocked extends Exception {
        private static final long serialVersionUID = 1L;

        public AccountLocked(String message) {
            super(message);
        }
    }

    @Remote
    public interface Catalog {
        Everything echo(Everything value);

        Optional<String> find(String key);

        Optional<Money> price(String item);

        int count(int a, @Id(5) Integer b);

        long add(long a, long b);

        double ratio(double a, float b);

        void reset();

        @Oneway
        void log(String line);

        Map<String, List<Integer>> index(List<Node> forest, Set<Color> colors);

        Node tree(Node root);

        Money withdraw(long cents) throws InsufficientFunds, AccountLocked;

        Color paint(Color color);

        byte[] blob(byte[] data);
    }

    /** Version 1 of a record that gained a field in version 2. */
    public record PersonV1(String name, int age) {
    }

    public record PersonV2(String name, int age, List<String> emails) {
    }

    @Remote(name = "Directory")
    public interface DirectoryV1 {
        PersonV1 store(PersonV1 person);
    }

    @Remote(name = "Directory")
    public interface DirectoryV2 {
        PersonV2 store(PersonV2 person);
    }

    /** A Catalog whose enum gained a constant the older version does not know. */
    public enum ColorV2 { RED, GREEN, @Id(10) BLUE, @Id(11) PURPLE }

    @Remote(name = "Catalog")
    public interface CatalogV2 {
        ColorV2 paint(ColorV2 color);
    }
}
