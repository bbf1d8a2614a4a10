package io.parley.bench.naming;

import java.util.ArrayList;
import java.util.List;

/**
 * One of the failover case's caller threads: calls {@code replicaId()} through the name-bound proxy without pause
 * and notes, once the kill has happened, when it first got an answer from a replica other than the killed one, the
 * longest call that ended after the kill, and every failed call. Its fields are read after the thread is joined.
 */
final class FailoverCaller implements Runnable {

    private static final int KEPT_FAILURES = 3;

    private final ReplicaService proxy;
    private final KillSignal signal;
    long successes;
    long successesBeforeKill;
    long failures;
    /** From the kill to the end of the first successful call answered by another replica; -1 until then. */
    long recoveryNanos = -1;
    long longestCallAfterKillNanos;
    final List<String> failureExamples = new ArrayList<>();

    FailoverCaller(ReplicaService proxy, KillSignal signal) {
        this.proxy = proxy;
        this.signal = signal;
    }

    @Override
    public void run() {
        while (!signal.stopped) {
            long start = System.nanoTime();
            try {
                int answeredBy = proxy.replicaId();
                long end = System.nanoTime();
                successes++;
                // killed before killNanos: killNanos is written first, so it is the kill's time once killed is true.
                if (!signal.killed || end - signal.killNanos <= 0) {
                    successesBeforeKill++;
                    continue;
                }
                longestCallAfterKillNanos = Math.max(longestCallAfterKillNanos, end - start);
                if (recoveryNanos < 0 && answeredBy != signal.killedId) {
                    recoveryNanos = end - signal.killNanos;
                }
            } catch (Throwable e) {
                // There must be none (the method is @Idempotent); each one is reported, with when it happened.
                failures++;
                if (failureExamples.size() < KEPT_FAILURES) {
                    String when = !signal.killed ? "before the kill"
                            : String.format("%.1f ms after the kill", (System.nanoTime() - signal.killNanos) / 1e6);
                    failureExamples.add(when + ": " + e);
                }
            }
        }
    }

    /** What the callers of one round share: which replica is killed, when, and when to stop. */
    static final class KillSignal {
        final int killedId;
        /** {@link System#nanoTime} just before SIGKILL was sent; set before {@link #killed}. */
        volatile long killNanos;
        volatile boolean killed;
        volatile boolean stopped;

        KillSignal(int killedId) {
            this.killedId = killedId;
        }
    }
}
