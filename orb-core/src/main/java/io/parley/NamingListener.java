package io.parley;

import java.util.List;

/**
 * Receives the names under a watched context ({@link Naming#watch}).
 *
 * <p>Threads: called on the Orb's naming thread, never on ZooKeeper's event thread, one call at a time. It must
 * return quickly and must not block (no calls to ZooKeeper, no remote calls that wait): hand work to another thread.
 */
@FunctionalInterface
public interface NamingListener {

    /**
     * The current names directly under {@code context} with their replicas, as {@link Naming#list} returns them. Called
     * once with the initial state, then after changes; a burst of changes is one call with the final state.
     */
    void onChange(String context, List<NameBinding> bindings);
}
