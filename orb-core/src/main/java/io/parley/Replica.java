package io.parley;

import java.util.Map;
import java.util.Objects;

/**
 * One process's binding of a name.
 *
 * @param id        identifies the serving process's run (its Orb's incarnation), unique under the name
 * @param ref       the reference to call
 * @param exclusive whether the process bound the name exclusively (no other replica allowed)
 * @param metadata  what the process attached to its binding ({@link BindOptions#with})
 */
public record Replica(String id, RemoteRef ref, boolean exclusive, Map<String, String> metadata) {
    public Replica {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ref, "ref");
        metadata = Map.copyOf(metadata);
    }
}
