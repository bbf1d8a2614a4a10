package io.parley.internal.naming;

/** The replica with the fewest calls in flight from this Orb; skipped replicas only when nothing else is left. */
final class LeastPendingPicker implements ReplicaPicker {

    @Override
    public ReplicaState pick(ReplicaState[] replicas, ReplicaState[] tried, long nowNanos) {
        ReplicaState best = null;
        int bestPending = Integer.MAX_VALUE;
        for (ReplicaState candidate : replicas) {
            if (ReplicaPicker.wasTried(candidate, tried) || candidate.isSkipped(nowNanos)) {
                continue;
            }
            int pending = candidate.pending();
            if (pending < bestPending) {
                best = candidate;
                bestPending = pending;
            }
        }
        return best != null ? best : ReplicaPicker.scanFrom(0, replicas, tried, nowNanos);
    }
}
