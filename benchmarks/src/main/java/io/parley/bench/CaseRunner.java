package io.parley.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Runs one slice of a case: {@code callers} threads call without pause for the warm-up, then for the measured
 * window, then stop. Each thread records the latency of every call it starts inside the window in its own histogram
 * (no sharing on the hot path); the histograms are merged after the threads end. Bounded: a thread that does not
 * stop within {@link #JOIN_TIMEOUT} of the end (a hung call) fails the slice and is abandoned (threads are daemons).
 */
final class CaseRunner {

    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(15);
    private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long FAILURE_POLL_MILLIS = 50;
    /** Starts the failure of a slice whose caller hung; the system is then skipped for the rest of the run. */
    static final String HUNG = "hung: ";

    /** Calls for {@code duration} without measuring; returns why that failed, or null. */
    String warmUp(SystemUnderTest system, Operation operation, int callers, Duration duration) {
        return run(system, operation, callers, duration, Duration.ZERO).failure();
    }

    /** Runs a slice: {@code warmup} unmeasured, then {@code measure} measured. */
    Sample run(SystemUnderTest system, Operation operation, int callers, Duration warmup, Duration measure) {
        List<Caller> opened = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                opened.add(system.newCaller());
            }
            return measure(system.name() + "-" + operation.label(), operation, opened, warmup, measure);
        } catch (Exception e) {
            return Sample.failed("could not open callers: " + e);
        } finally {
            for (Caller caller : opened) {
                try {
                    caller.close();
                } catch (Exception ignored) {
                    // Best effort: the connection goes away with the server anyway.
                }
            }
        }
    }

    static Histogram newHistogram() {
        return new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
    }

    private static Sample measure(String name, Operation operation, List<Caller> callers, Duration warmup,
            Duration measure) {
        Phase phase = new Phase();
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < callers.size(); i++) {
            Worker worker = new Worker(callers.get(i), operation, phase);
            worker.thread = new Thread(worker, "bench-" + name + "-" + i);
            worker.thread.setDaemon(true);
            workers.add(worker);
        }
        workers.forEach(worker -> worker.thread.start());

        sleepUnlessFailed(warmup, phase);
        long windowStart = System.nanoTime();
        phase.measuring = true;
        sleepUnlessFailed(measure, phase);
        phase.measuring = false;
        long windowNanos = System.nanoTime() - windowStart;
        phase.stopped = true;

        long joinDeadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
        for (Worker worker : workers) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinDeadline - System.nanoTime()));
            try {
                worker.thread.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Sample.failed("interrupted");
            }
            if (worker.thread.isAlive()) {
                return Sample.failed(HUNG + "a caller did not return within " + JOIN_TIMEOUT.toSeconds()
                        + " s of the end");
            }
        }
        Throwable failure = phase.failure.get();
        if (failure != null) {
            return Sample.failed(failure.toString());
        }
        Histogram all = newHistogram();
        workers.forEach(worker -> all.add(worker.histogram));
        return new Sample(all, windowNanos, null);
    }

    private static void sleepUnlessFailed(Duration duration, Phase phase) {
        long end = System.nanoTime() + duration.toNanos();
        try {
            for (long left = end - System.nanoTime(); left > 0 && phase.failure.get() == null;
                    left = end - System.nanoTime()) {
                Thread.sleep(Math.min(FAILURE_POLL_MILLIS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
            }
        } catch (InterruptedException e) {
            // The benchmark is being stopped (the watchdog): end the slice as failed.
            Thread.currentThread().interrupt();
            phase.failure.compareAndSet(null, e);
        }
    }

    /** Shared state of one slice's threads. */
    private static final class Phase {
        volatile boolean measuring;
        volatile boolean stopped;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
    }

    /** One caller thread. */
    private static final class Worker implements Runnable {
        private final Caller caller;
        private final Operation operation;
        private final Phase phase;
        private final Histogram histogram = newHistogram();
        Thread thread;

        Worker(Caller caller, Operation operation, Phase phase) {
            this.caller = caller;
            this.operation = operation;
            this.phase = phase;
        }

        @Override
        public void run() {
            try {
                for (int i = 0; !phase.stopped; i++) {
                    boolean counted = phase.measuring;
                    long start = System.nanoTime();
                    operation.call(caller, i & 0xFFFFFF);
                    long nanos = System.nanoTime() - start;
                    if (counted) {
                        histogram.recordValue(Math.min(nanos, HIGHEST_TRACKABLE_NANOS));
                    }
                }
            } catch (Throwable e) {
                phase.failure.compareAndSet(null, e);
                phase.stopped = true;
            }
        }
    }
}
