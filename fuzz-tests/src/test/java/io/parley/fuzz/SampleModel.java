package io.parley.fuzz;

import io.parley.Id;
import io.parley.Oneway;
import io.parley.Remote;
import io.parley.internal.server.ExportTable;
import io.parley.internal.server.ExportTables;
import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.codec.CallResolver;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The remote interfaces the codec is fuzzed against, exported in a real {@link ExportTable}: records (nested and
 * recursive), lists, sets, maps, optionals, enums with pinned ids, every scalar kind, declared exceptions, oneway and
 * void methods, pinned parameter ids.
 */
final class SampleModel {
    static final String SHOP_ID = "shop";
    static final String TREES_ID = "trees/main";

    private SampleModel() {
    }

    public enum Status { ACTIVE, SUSPENDED, @Id(7) CLOSED }

    public record Address(String street, Optional<String> zip, List<String> lines) {
    }

    public record Customer(long id, String name, Status status, Optional<Address> address,
            Map<String, Integer> scores, Set<Status> history) {
    }

    public record Item(String sku, int quantity, double price, @Id(9) Float discount) {
    }

    public record Order(UUID id, Customer customer, List<Item> items, Map<String, List<Long>> tags, Instant placed,
            Optional<Duration> ttl, BigDecimal total, char grade, short priority, byte channel, boolean express,
            Map<Status, Set<String>> notes) {
    }

    /** Recursive: nesting as deep as the input makes it. */
    public record Tree(String label, List<Tree> children, Optional<Tree> shadow) {
    }

    public static class NotFound extends Exception {
        private static final long serialVersionUID = 1L;

        public NotFound(String message) {
            super(message);
        }
    }

    public static class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }

    @Remote
    public interface Shop {
        Order place(Order order, Optional<String> note) throws Refused;

        Map<Status, List<Order>> byStatus(Set<Status> statuses, @Id(4) int limit);

        Optional<Customer> find(long id) throws NotFound, Refused;

        byte[] blob(byte[] data, Byte small, Short medium, Character letter, Double ratio);

        @Oneway
        void log(String line);

        void reset();
    }

    @Remote(name = "Forest")
    public interface Trees {
        List<Tree> grow(Tree root, Map<String, Tree> named, List<List<Integer>> grid);

        Tree prune(Tree tree, Optional<Integer> depth);
    }

    /** A servant of both interfaces; the codec tests never call it. */
    static final class Servant implements Shop, Trees {
        @Override
        public Order place(Order order, Optional<String> note) {
            return order;
        }

        @Override
        public Map<Status, List<Order>> byStatus(Set<Status> statuses, int limit) {
            return Map.of();
        }

        @Override
        public Optional<Customer> find(long id) {
            return Optional.empty();
        }

        @Override
        public byte[] blob(byte[] data, Byte small, Short medium, Character letter, Double ratio) {
            return data;
        }

        @Override
        public void log(String line) {
        }

        @Override
        public void reset() {
        }

        @Override
        public List<Tree> grow(Tree root, Map<String, Tree> named, List<List<Integer>> grid) {
            return List.of();
        }

        @Override
        public Tree prune(Tree tree, Optional<Integer> depth) {
            return tree;
        }
    }

    static final InterfaceDescriptor SHOP = InterfaceDescriptor.of(Shop.class);
    static final InterfaceDescriptor TREES = InterfaceDescriptor.of(Trees.class);

    /** Every method of the sample interfaces, in a fixed order. */
    static final List<MethodDescriptor> METHODS = methods();

    /**
     * A server's export table: the servant under {@link #SHOP_ID} serving both interfaces, and under
     * {@link #TREES_ID} serving the trees only.
     */
    static CallResolver exportTable() {
        ExportTable table = new ExportTable();
        Servant servant = new Servant();
        table.add(SHOP_ID, servant, true, List.of(SHOP, TREES));
        table.add(TREES_ID, new Servant(), true, List.of(TREES));
        return ExportTables.resolverOf(table);
    }

    /** The object id a call of {@code method} is addressed to. */
    static String objectIdOf(MethodDescriptor method) {
        return method.owner() == SHOP ? SHOP_ID : TREES_ID;
    }

    private static List<MethodDescriptor> methods() {
        List<MethodDescriptor> methods = new ArrayList<>(SHOP.methods());
        methods.addAll(TREES.methods());
        return List.copyOf(methods);
    }
}
