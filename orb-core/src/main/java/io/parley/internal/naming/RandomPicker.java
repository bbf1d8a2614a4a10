package io.parley.internal.naming;

import java.util.concurrent.ThreadLocalRandom;

/** A replica at random. */
final class RandomPicker implements ReplicaPicker {

    @Override
    public ReplicaState pick(ReplicaState[] replicas, ReplicaState[] tried, long nowNanos) {
        if (replicas.length == 0) {
            return null;
        }
        int start = ThreadLocalRandom.current().nextInt(replicas.length);
        return ReplicaPicker.scanFrom(start, replicas, tried, nowNanos);
    }
}
