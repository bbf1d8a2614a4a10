package io.parley.internal.naming;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Each replica in turn. A skipped or already tried replica gives its turn to the next one by taking another turn of
 * the counter, so the healthy replicas keep an even share (handing the turn to the successor would double its load).
 */
final class RoundRobinPicker implements ReplicaPicker {
    private final AtomicInteger next = new AtomicInteger();

    @Override
    public ReplicaState pick(ReplicaState[] replicas, ReplicaState[] tried, long nowNanos) {
        int n = replicas.length;
        for (int turn = 0; turn < n; turn++) {
            ReplicaState candidate = replicas[(next.getAndIncrement() & Integer.MAX_VALUE) % n];
            if (!candidate.isSkipped(nowNanos) && !ReplicaPicker.wasTried(candidate, tried)) {
                return candidate;
            }
        }
        return n == 0 ? null : ReplicaPicker.scanFrom(0, replicas, tried, nowNanos);
    }
}
