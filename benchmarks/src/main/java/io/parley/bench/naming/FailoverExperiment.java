package io.parley.bench.naming;

import io.parley.bench.naming.FailoverCaller.KillSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The failover case: {@value #CALLERS} threads call the {@code @Idempotent} {@code replicaId()} through one name-bound
 * proxy over the 3 replicas; after {@code beforeKill} one replica's JVM gets SIGKILL ({@code destroyForcibly}); the
 * callers go on for {@code afterKill} and each notes when it first got an answer from another replica, and any call
 * that failed. Then the killed replica is replaced by a new JVM and the next round waits until ZooKeeper lists exactly
 * the 3 live replicas and each of them has answered through the proxy, so that every round starts from the same state.
 * Rounds kill the replicas in turn.
 */
public final class FailoverExperiment {

    /** Caller threads, as in the target ("p99 under 16 callers"). */
    public static final int CALLERS = 16;
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final NamingCluster cluster;
    private final int rounds;
    private final Duration beforeKill;
    private final Duration afterKill;

    public FailoverExperiment(NamingCluster cluster, int rounds, Duration beforeKill, Duration afterKill) {
        this.cluster = cluster;
        this.rounds = rounds;
        this.beforeKill = beforeKill;
        this.afterKill = afterKill;
    }

    /** Runs every round; never throws (a failure is in the result, with the rounds done before it). */
    public FailoverResult run() {
        Tally tally = new Tally();
        try {
            cluster.ensureStarted();
            ReplicaService proxy = cluster.client().naming().lookup(NamingCluster.NAME, ReplicaService.class);
            awaitEveryReplicaAnswers(proxy);
            for (int round = 0; round < rounds; round++) {
                runRound(proxy, round % NamingCluster.REPLICAS, tally);
                log("failover round " + (round + 1) + ": " + tally.lastRound());
            }
            return tally.result(null);
        } catch (Exception | LinkageError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return tally.result(e.toString());
        }
    }

    private void runRound(ReplicaService proxy, int index, Tally tally) throws Exception {
        NamingCluster.Replica victim = cluster.replica(index);
        KillSignal signal = new KillSignal(victim.id());
        List<FailoverCaller> callers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            FailoverCaller caller = new FailoverCaller(proxy, signal);
            Thread thread = new Thread(caller, "bench-failover-" + i);
            thread.setDaemon(true);    // a hung call must not keep the JVM alive
            callers.add(caller);
            threads.add(thread);
        }
        long started = System.nanoTime();
        threads.forEach(Thread::start);
        long killNanos;
        long exitNanos;
        try {
            Thread.sleep(beforeKill.toMillis());
            killNanos = System.nanoTime();
            signal.killNanos = killNanos;
            signal.killed = true;
            victim.process().kill();
            // How long the kernel takes to end the JVM: its sockets close only then, so in-flight calls wait for it.
            exitNanos = victim.process().awaitExit(afterKill) ? System.nanoTime() - killNanos : -1;
            long left = afterKill.toNanos() - (System.nanoTime() - killNanos);
            if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
        } finally {
            signal.stopped = true;
        }
        joinAll(threads);
        long windowNanos = System.nanoTime() - started;
        for (FailoverCaller caller : callers) {
            if (caller.successesBeforeKill == 0) {
                throw new IllegalStateException("a caller had no answer in the " + beforeKill.toMillis()
                        + " ms before the kill: the proxy did not work before any failure");
            }
        }
        if (!victim.process().awaitExit(Duration.ofSeconds(10))) {
            throw new IllegalStateException("replica " + victim.id() + " still runs 10 s after SIGKILL");
        }
        NamingCluster.Replica replacement = cluster.restart(index);
        cluster.awaitBound();
        long rebindNanos = System.nanoTime() - killNanos;
        awaitEveryReplicaAnswers(proxy);
        tally.add(victim.id(), replacement.id(), callers, windowNanos, exitNanos, rebindNanos);
    }

    /** Calls through the proxy until each live replica has answered: the proxy sees the replicas ZooKeeper lists. */
    private void awaitEveryReplicaAnswers(ReplicaService proxy) throws InterruptedException {
        Set<Integer> expected = cluster.liveIds();
        Set<Integer> answered = new HashSet<>();
        RuntimeException last = null;
        long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
        while (!answered.containsAll(expected) && System.nanoTime() - deadline < 0) {
            try {
                answered.add(proxy.replicaId());
            } catch (RuntimeException e) {
                last = e;
                Thread.sleep(10);
            }
        }
        if (!answered.containsAll(expected)) {
            throw new IllegalStateException("through the proxy only replicas " + answered + " of " + expected
                    + " answered within " + ANSWER_TIMEOUT.toSeconds() + " s" + (last == null ? "" : "; last: " + last));
        }
    }

    private static void joinAll(List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (thread.isAlive()) {
                throw new IllegalStateException("hung: a failover caller did not return within "
                        + JOIN_TIMEOUT.toSeconds() + " s of the end of its round");
            }
        }
    }

    private static void log(String line) {
        System.err.println("[bench] " + line);
    }

    /** The rounds so far. */
    private static final class Tally {
        private final Histogram recovery = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
        private final Histogram longestCall = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
        private final List<FailoverResult.Round> rounds = new ArrayList<>();
        private final List<String> failureExamples = new ArrayList<>();
        private long successes;
        private long failures;
        private long windowNanos;
        private int notRecovered;

        void add(int killedId, int replacementId, List<FailoverCaller> callers, long roundWindowNanos,
                long exitNanos, long rebindNanos) {
            long maxRecovery = 0;
            long maxLongest = 0;
            long roundSuccesses = 0;
            long roundFailures = 0;
            for (FailoverCaller caller : callers) {
                if (caller.recoveryNanos < 0) {
                    notRecovered++;
                    maxRecovery = -1;
                } else {
                    recovery.recordValue(Math.min(caller.recoveryNanos, HIGHEST_TRACKABLE_NANOS));
                    maxRecovery = maxRecovery < 0 ? -1 : Math.max(maxRecovery, caller.recoveryNanos);
                }
                longestCall.recordValue(Math.min(caller.longestCallAfterKillNanos, HIGHEST_TRACKABLE_NANOS));
                maxLongest = Math.max(maxLongest, caller.longestCallAfterKillNanos);
                roundSuccesses += caller.successes;
                roundFailures += caller.failures;
                caller.failureExamples.stream().limit(Math.max(0, 5 - failureExamples.size()))
                        .forEach(example -> failureExamples.add("round " + (rounds.size() + 1) + ", " + example));
            }
            successes += roundSuccesses;
            failures += roundFailures;
            windowNanos += roundWindowNanos;
            rounds.add(new FailoverResult.Round(killedId, replacementId, exitNanos, maxRecovery, maxLongest,
                    roundSuccesses, roundFailures, rebindNanos));
        }

        String lastRound() {
            FailoverResult.Round round = rounds.get(rounds.size() - 1);
            return String.format("killed replica %d (exited after %.1f ms), slowest recovery %s, longest call %.1f ms, "
                            + "%d calls, %d failed, 3 replicas bound again after %.1f s",
                    round.killedId(), round.exitNanos() / 1e6, round.maxRecoveryNanos() < 0 ? "none (a caller did not recover)"
                            : String.format("%.1f ms", round.maxRecoveryNanos() / 1e6),
                    round.maxLongestCallNanos() / 1e6, round.successfulCalls(), round.failedCalls(),
                    round.rebindNanos() / 1e9);
        }

        FailoverResult result(String failure) {
            return new FailoverResult(rounds.size(), CALLERS, recovery, longestCall, successes, windowNanos, failures,
                    List.copyOf(failureExamples), notRecovered, List.copyOf(rounds), failure);
        }
    }
}
