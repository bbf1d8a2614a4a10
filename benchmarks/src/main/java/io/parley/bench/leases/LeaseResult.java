package io.parley.bench.leases;

/**
 * The outcome of the lease experiment. The footprints are null when the experiment failed before taking them.
 *
 * @param callbacks       new listener objects passed (and called back)
 * @param leaseMillis     the client Orb's lease time
 * @param passNanos       how long passing them took
 * @param clientBaseline  the client JVM (which owns the listeners) before, after a collection
 * @param clientPeak      the client at its peak: the largest export count seen between batches, and the largest
 *                        heap of the collections taken along the way
 * @param clientAfter     the client once its export count was back, after a collection
 * @param serverBaseline  the server JVM (which calls the listeners back and releases them) before
 * @param serverPeak      the server at its peak, as for the client
 * @param serverAfter     the server after
 * @param drainNanos      from the last call to the client's export count back at its baseline; -1 if it never was
 * @param failure         why the experiment failed, or null
 */
public record LeaseResult(int callbacks, long leaseMillis, long passNanos, Footprint clientBaseline,
        Footprint clientPeak, Footprint clientAfter, Footprint serverBaseline, Footprint serverPeak,
        Footprint serverAfter, long drainNanos, String failure) {

    /** The tolerance of the target: heap after within ±10% of the baseline. */
    public static final double HEAP_TOLERANCE = 0.10;

    /** Whether it ran to the end. */
    public boolean ok() {
        return failure == null;
    }

    /** Export counts back to their baselines and heaps within ±10% of theirs, in both JVMs. */
    public boolean targetMet() {
        return ok() && clientAfter.exports() == clientBaseline.exports()
                && serverAfter.exports() == serverBaseline.exports()
                && withinTolerance(clientBaseline, clientAfter) && withinTolerance(serverBaseline, serverAfter);
    }

    /** after / baseline of the heap. */
    public static double heapRatio(Footprint baseline, Footprint after) {
        return (double) after.heapBytes() / baseline.heapBytes();
    }

    private static boolean withinTolerance(Footprint baseline, Footprint after) {
        return Math.abs(heapRatio(baseline, after) - 1) <= HEAP_TOLERANCE;
    }

    /** Callbacks per second while passing them. */
    public double callbacksPerSecond() {
        return passNanos == 0 ? Double.NaN : callbacks / (passNanos / 1e9);
    }
}
