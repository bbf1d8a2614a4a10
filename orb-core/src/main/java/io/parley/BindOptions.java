package io.parley;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How {@link Naming#bind(String, Object, BindOptions)} binds: exclusively (the default: no other process may bind the
 * name) or as one replica among several, and with which metadata. Immutable.
 */
public final class BindOptions {
    private static final BindOptions EXCLUSIVE = new BindOptions(true, Map.of());
    private static final BindOptions REPLICATED = new BindOptions(false, Map.of());

    private final boolean exclusive;
    private final Map<String, String> metadata;

    private BindOptions(boolean exclusive, Map<String, String> metadata) {
        this.exclusive = exclusive;
        this.metadata = metadata;
    }

    /** Only this process may bind the name; binding fails while another process holds it. */
    public static BindOptions exclusive() {
        return EXCLUSIVE;
    }

    /**
     * This process is one replica of the name; other processes may bind it too (as replicas). What
     * {@link Export}-annotated servants are bound with.
     */
    public static BindOptions replicated() {
        return REPLICATED;
    }

    /** These options with one more metadata entry (keys and values: any text; keep them small). */
    public BindOptions with(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Map<String, String> more = new TreeMap<>(metadata);
        more.put(key, value);
        return new BindOptions(exclusive, Map.copyOf(more));
    }

    public boolean isExclusive() {
        return exclusive;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BindOptions that && exclusive == that.exclusive && metadata.equals(that.metadata);
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(exclusive) * 31 + metadata.hashCode();
    }

    @Override
    public String toString() {
        return (exclusive ? "exclusive" : "replicated") + (metadata.isEmpty() ? "" : " " + metadata);
    }
}
