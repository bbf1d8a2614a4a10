package io.parley.spi.naming;

import io.parley.NameBinding;
import io.parley.Replica;
import java.util.List;
import java.util.Objects;

/**
 * The state of one watched name: its own replicas, and the names directly under it (with theirs). Always complete,
 * never a delta, so that a listener that missed intermediate states still ends up right.
 *
 * @param name     the watched name, {@code ""} for the root context
 * @param replicas the replicas bound under the name itself, sorted by id
 * @param children the names directly under it, sorted by name
 */
public record NameSnapshot(String name, List<Replica> replicas, List<NameBinding> children) {
    public NameSnapshot {
        Objects.requireNonNull(name, "name");
        replicas = List.copyOf(replicas);
        children = List.copyOf(children);
    }
}
