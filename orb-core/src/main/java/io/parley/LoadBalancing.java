package io.parley;

/** How a proxy from {@link Naming#lookup} picks the replica for each call. Replicas that failed are skipped. */
public enum LoadBalancing {
    /** Each replica in turn: even spread, the default. */
    ROUND_ROBIN,
    /** A replica at random. */
    RANDOM,
    /** The replica with the fewest calls in flight from this Orb (ties: the first); follows slow replicas' load. */
    LEAST_PENDING
}
