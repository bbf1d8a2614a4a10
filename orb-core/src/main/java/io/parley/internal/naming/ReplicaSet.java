package io.parley.internal.naming;

import io.parley.NamingWatch;
import io.parley.Replica;
import io.parley.spi.naming.NameSnapshot;
import io.parley.spi.naming.NameWatcher;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watched cache of one name: its current replicas, shared by every proxy of the name in this Orb. Updated from
 * the name service's snapshots on the naming thread (an array swap: callers never wait); read lock-free by callers.
 * While ZooKeeper is unreachable no snapshot arrives, so the last known replicas stay in use.
 */
final class ReplicaSet implements NameWatcher {
    private static final Logger log = LoggerFactory.getLogger(ReplicaSet.class);
    private static final ReplicaState[] NONE = new ReplicaState[0];

    private final String name;
    private final CountDownLatch loaded = new CountDownLatch(1);
    private volatile ReplicaState[] replicas = NONE;
    private volatile NamingWatch watch;

    ReplicaSet(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** The replicas now; never null, possibly empty. */
    ReplicaState[] current() {
        return replicas;
    }

    @Override
    public void onUpdate(NameSnapshot snapshot) {
        replicas = merge(replicas, snapshot.replicas());
        loaded.countDown();
        log.debug("name '{}' has {} replica(s): {}", name, replicas.length, snapshot.replicas());
    }

    /** Waits for the first snapshot; returns whether it came in time. */
    boolean awaitLoaded(long timeout, TimeUnit unit) throws InterruptedException {
        return loaded.await(timeout, unit);
    }

    void watchedBy(NamingWatch watch) {
        this.watch = watch;
    }

    void close() {
        NamingWatch current = watch;
        if (current != null) {
            current.close();
        }
    }

    /**
     * The new replicas, keeping the state (calls in flight, back-off) of those that did not change: a snapshot must not
     * make a replica that just failed look healthy.
     */
    private static ReplicaState[] merge(ReplicaState[] old, List<Replica> now) {
        Map<Replica, ReplicaState> previous = new HashMap<>();
        for (ReplicaState state : old) {
            previous.put(state.replica(), state);
        }
        ReplicaState[] result = new ReplicaState[now.size()];
        for (int i = 0; i < result.length; i++) {
            Replica replica = now.get(i);
            ReplicaState kept = previous.get(replica);
            result[i] = kept != null ? kept : new ReplicaState(replica);
        }
        return result;
    }
}
