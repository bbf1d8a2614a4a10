package io.parley;

import java.util.List;
import java.util.Objects;

/**
 * A name and the replicas currently bound under it, as {@link Naming#list} and {@link Naming#watch} report them.
 *
 * @param name     the full name, like {@code bank/accounts}
 * @param replicas one per serving process, sorted by id; empty for a name that is only a context
 */
public record NameBinding(String name, List<Replica> replicas) {
    public NameBinding {
        Objects.requireNonNull(name, "name");
        replicas = List.copyOf(replicas);
    }

    /** The last segment of the name. */
    public String simpleName() {
        return name.substring(name.lastIndexOf('/') + 1);
    }
}
