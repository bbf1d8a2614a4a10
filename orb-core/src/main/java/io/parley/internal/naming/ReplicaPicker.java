package io.parley.internal.naming;

import io.parley.LoadBalancing;

/**
 * Chooses the replica for one attempt of a call. Pickers are called concurrently by every caller thread and must not
 * block or allocate. They prefer replicas that are neither skipped nor already tried by this call; when every untried
 * replica is skipped they return one of those anyway (a skipped replica may have come back, and trying beats failing).
 */
interface ReplicaPicker {

    /**
     * A replica from {@code replicas} not in {@code tried}, or {@code null} when every replica was tried.
     *
     * @param tried the replicas this call already tried, {@code null} for none
     */
    ReplicaState pick(ReplicaState[] replicas, ReplicaState[] tried, long nowNanos);

    /** The picker for a policy; every proxy gets its own (round robin keeps a counter). */
    static ReplicaPicker of(LoadBalancing policy) {
        return switch (policy) {
            case ROUND_ROBIN -> new RoundRobinPicker();
            case RANDOM -> new RandomPicker();
            case LEAST_PENDING -> new LeastPendingPicker();
        };
    }

    /** The first acceptable replica scanning from {@code start} (wrapping), healthy ones first. */
    static ReplicaState scanFrom(int start, ReplicaState[] replicas, ReplicaState[] tried, long nowNanos) {
        int n = replicas.length;
        ReplicaState fallback = null;
        for (int i = 0; i < n; i++) {
            ReplicaState candidate = replicas[(start + i) % n];
            if (wasTried(candidate, tried)) {
                continue;
            }
            if (!candidate.isSkipped(nowNanos)) {
                return candidate;
            }
            if (fallback == null) {
                fallback = candidate;
            }
        }
        return fallback;
    }

    static boolean wasTried(ReplicaState candidate, ReplicaState[] tried) {
        if (tried != null) {
            for (ReplicaState done : tried) {
                if (done == candidate) {
                    return true;
                }
            }
        }
        return false;
    }
}
