package io.parley.spi.transport;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the reading threads of a transport while they run servant calls in place of reading (see
 * {@link Connection#executeServant}), and calls a run's relief when it lasts longer than the budget: the relief
 * has another thread take the reading role over, so that a servant that blocks holds up its own call only.
 *
 * <p>The same bargain as Go's runtime, whose monitor thread takes the processor away from a goroutine that stays in
 * a system call too long: a call that returns quickly (nearly all of them) crosses no thread at all, and one that
 * blocks costs the others at most about one and a half budgets once. One daemon thread per process does the
 * watching; it looks every half budget while runs happen and parks without a deadline after a second without any,
 * so an idle process pays nothing and a busy one a wake-up per half budget.
 *
 * <p>The budget is {@value #DEFAULT_BUDGET_MICROS} µs, or the system property {@value #BUDGET_PROPERTY} (µs), for a
 * run whose thread waits (parked, sleeping, blocked on a monitor). A thread that is runnable is either working, or
 * descheduled on a busy machine, or blocked in native I/O (which Java cannot tell apart): it gets
 * {@value #RUNNABLE_FACTOR} budgets, so that a saturated machine does not take the reading away from calls that are
 * merely slow to be scheduled, while a servant in a blocking socket read is still relieved.
 */
public final class StallWatch {
    private static final Logger log = LoggerFactory.getLogger(StallWatch.class);
    /** Longest a run goes before its relief is called, by default. */
    public static final long DEFAULT_BUDGET_MICROS = 1_000;
    /** The system property that sets the budget in µs. */
    public static final String BUDGET_PROPERTY = "parley.stallBudgetMicros";

    /** How many budgets a run whose thread is runnable gets. */
    public static final int RUNNABLE_FACTOR = 10;
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final StallWatch INSTANCE = new StallWatch(
            TimeUnit.MICROSECONDS.toNanos(Long.getLong(BUDGET_PROPERTY, DEFAULT_BUDGET_MICROS)));

    private final long budgetNanos;
    private final CopyOnWriteArrayList<Run> runs = new CopyOnWriteArrayList<>();
    private volatile Thread watcher;
    private volatile boolean asleep;

    private StallWatch(long budgetNanos) {
        this.budgetNanos = Math.max(TimeUnit.MICROSECONDS.toNanos(20), budgetNanos);
    }

    /** The process's watch. */
    public static StallWatch instance() {
        return INSTANCE;
    }

    /** The budget of a run, in nanoseconds. */
    public long budgetNanos() {
        return budgetNanos;
    }

    /**
     * A watch for one reading role (a thread that may run calls in place of reading), reused for each of its runs.
     * {@code relief} is called on the watch thread, at most once per run, when the run passes the budget; it must
     * not block, and must be harmless when it comes just after the run ended. Close the watch with the role.
     */
    public Run register(Runnable relief) {
        Run run = new Run(this, relief);
        runs.add(run);
        return run;
    }

    private void started() {
        Thread current = watcher;
        if (current == null) {
            startWatcher();
        } else if (asleep) {
            LockSupport.unpark(current);
        }
    }

    private synchronized void startWatcher() {
        if (watcher != null) {
            return;
        }
        Thread thread = new Thread(this::watch, "parley-stall-watch");
        thread.setDaemon(true);
        watcher = thread;
        thread.start();
    }

    private void watch() {
        long lastBusy = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            if (check(now)) {
                lastBusy = now;
            } else if (now - lastBusy > IDLE_NANOS) {
                asleep = true;
                // Read after announcing sleep: a run started from now on sees asleep and unparks this thread.
                if (!anyRunning()) {
                    LockSupport.park(this);
                }
                asleep = false;
                lastBusy = System.nanoTime();
                continue;
            }
            LockSupport.parkNanos(this, budgetNanos / 2);
        }
    }

    /** Relieves the runs over budget; whether any run was going. */
    private boolean check(long now) {
        boolean running = false;
        for (Run run : runs) {
            long started = run.startedNanos;
            if (started == 0) {
                continue;
            }
            running = true;
            long ran = now - started;
            if (ran > budgetNanos && run.relievedStart != started && (ran > budgetNanos * RUNNABLE_FACTOR
                    || waits(run.runner))) {
                run.relievedStart = started;
                try {
                    run.relief.run();
                } catch (RuntimeException | Error e) {
                    // A relief that throws must not end the watch for everyone else.
                    log.warn("a stall relief failed", e);
                }
            }
        }
        return running;
    }

    private static boolean waits(Thread runner) {
        return runner != null && runner.getState() != Thread.State.RUNNABLE;
    }

    private boolean anyRunning() {
        for (Run run : runs) {
            if (run.startedNanos != 0) {
                return true;
            }
        }
        return false;
    }

    /** The watch of one reading role. Its methods are called by the thread that runs the calls. */
    public static final class Run {
        private final StallWatch watch;
        private final Runnable relief;
        private volatile long startedNanos; // 0 while not running
        private volatile long relievedStart; // written by the watch thread
        private volatile Thread runner;

        private Run(StallWatch watch, Runnable relief) {
            this.watch = watch;
            this.relief = relief;
        }

        /** A run begins now, on the calling thread. */
        public void start() {
            runner = Thread.currentThread();
            long now = System.nanoTime();
            startedNanos = now == 0 ? 1 : now;
            watch.started();
        }

        /**
         * The run goes on to its next call: the budget counts from now. A run of many quick calls is not a stall,
         * however long it lasts (a saturated machine stretches it); one call that keeps the reading role past the
         * budget is.
         */
        public void lap() {
            long now = System.nanoTime();
            startedNanos = now == 0 ? 1 : now;
        }

        /** The run ended; whether its relief was called. */
        public boolean end() {
            long started = startedNanos;
            startedNanos = 0;
            return relievedStart == started;
        }

        /** The reading role is gone: stop watching it. */
        public void close() {
            startedNanos = 0;
            watch.runs.remove(this);
        }
    }
}
