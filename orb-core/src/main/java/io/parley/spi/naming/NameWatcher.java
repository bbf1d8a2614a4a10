package io.parley.spi.naming;

/**
 * Receives the state of a watched name from a {@link NameService}, in the style of grpc's
 * {@code NameResolver.Listener}: complete snapshots, pushed.
 *
 * <p>Threads: the name service calls it on its own naming thread, never on the backend client's event thread (for
 * ZooKeeper: Curator's {@code EventThread}, whose blocking expires sessions), and never concurrently for one watch.
 * It must return quickly and must not block or call the name service.
 */
@FunctionalInterface
public interface NameWatcher {

    /**
     * The current state: once when the watch has loaded (even if the name is not bound), then after changes. A burst
     * of changes is coalesced into one call with the final state. While the backend is unreachable there are no
     * calls: the last state stands.
     */
    void onUpdate(NameSnapshot snapshot);
}
