package io.parley.bench.naming;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What the failover case measured over its rounds, or why it could not run.
 *
 * @param rounds           the kill rounds completed
 * @param callers          caller threads per round
 * @param recovery         per caller and round: nanoseconds from the kill to its first successful call answered by
 *                         another replica (callers that got none are counted in {@code notRecovered} instead)
 * @param longestCall      per caller and round: the longest call (ns) that ended after the kill
 * @param successfulCalls  calls answered, all rounds
 * @param windowNanos      the callers' running time, all rounds (for calls/s)
 * @param failedCalls      calls that threw, all rounds: there must be none, the method is {@code @Idempotent}
 * @param failureExamples  the first few failed calls, with when they failed
 * @param notRecovered     callers that had no answer from another replica before the end of the round
 * @param perRound         one line per round
 * @param failure          why the case did not complete, or {@code null}
 */
public record FailoverResult(int rounds, int callers, Histogram recovery, Histogram longestCall, long successfulCalls,
        long windowNanos, long failedCalls, List<String> failureExamples, int notRecovered, List<Round> perRound,
        String failure) {

    /** The target: p99 of {@code recovery} at most this, and no failed call. */
    public static final double TARGET_P99_MILLIS = 100;

    /** Whether every round ran (the numbers may still miss the target). */
    public boolean ok() {
        return failure == null;
    }

    /** Whether the target is met: p99 recovery ≤ 100 ms, no failed call, every caller recovered. */
    public boolean targetMet() {
        return ok() && recovery.getTotalCount() > 0 && millis(recovery, 99) <= TARGET_P99_MILLIS
                && failedCalls == 0 && notRecovered == 0;
    }

    /** Successful calls per second while the callers ran. */
    public double callsPerSecond() {
        return windowNanos == 0 ? Double.NaN : successfulCalls / (windowNanos / 1e9);
    }

    /** A percentile of {@code histogram} in milliseconds; NaN when empty. */
    public static double millis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1e6;
    }

    /** The largest value of {@code histogram} in milliseconds; NaN when empty. */
    public static double maxMillis(Histogram histogram) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getMaxValue() / 1e6;
    }

    /**
     * One kill round.
     *
     * @param killedId         the replica killed
     * @param replacementId    the replica started in its place
     * @param exitNanos        from the kill until this JVM saw the process exit (its sockets are closed then);
     *                         -1 if it had not exited by the end of the round
     * @param maxRecoveryNanos the slowest caller's recovery (ns); -1 if a caller never recovered
     * @param maxLongestCallNanos the longest call that ended after the kill (ns)
     * @param successfulCalls  calls answered in the round
     * @param failedCalls      calls that threw in the round
     * @param rebindNanos      from the kill until ZooKeeper listed exactly the 3 live replicas again (the killed
     *                         one's binding gone with its session, the replacement's bound)
     */
    public record Round(int killedId, int replacementId, long exitNanos, long maxRecoveryNanos, long maxLongestCallNanos,
            long successfulCalls, long failedCalls, long rebindNanos) {
    }
}
