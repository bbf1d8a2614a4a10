package io.parley.spi.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * blocks costs the others at most a few milliseconds once. One daemon thread per process does the watching.
 *
 * <p>How often it looks: every half budget while a call of a run is seen twice (it may be slow), and for a second
 * after a look found a servant blocking (its thread waiting); otherwise, while every look finds that each run has
 * moved on to other calls since the last, the pause between looks doubles, up to {@value #MAX_LOOK_BUDGETS}
 * budgets; after {@value #IDLE_LOOKS} looks without any call begun it parks until a run starts. An idle process
 * pays nothing; a busy one whose servants do not block a wake-up every few milliseconds. A servant that blocks is
 * relieved one to two budgets after it began once the watch has seen blocking in the last second; the first one
 * after a quiet stretch of quick calls within about twice the longest pause (8 ms at the default budget), or not at
 * all if it is done sooner. The running threads read no clock: a run counts its calls ({@link Run#lap}), and the
 * watch times a call from the first look that saw it.
 *
 * <p>Why so frugal: on a machine whose cores all carry calls, each wake-up of the watch displaces a thread that
 * carries them. Measured with 16 callers of a shared-memory connection on 2 vCPUs: looks every half budget put the
 * 99th percentile at about 560 µs, looks that back off to 4 ms at about 90 µs, and the calls/s rose by a few per
 * cent (benchmarks/README.md). A clock read per call costs about as much as a codec step of such a call.
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
    /** Looks without any run before the watch parks until the next run starts. */
    static final int IDLE_LOOKS = 4;
    /** The longest pause between looks, in budgets, reached while every run keeps moving on. */
    static final int MAX_LOOK_BUDGETS = 4;
    /** After a look found a servant blocking, looks stay every half budget for this long. */
    static final long WATCHFUL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final StallWatch INSTANCE = new StallWatch(
            TimeUnit.MICROSECONDS.toNanos(Long.getLong(BUDGET_PROPERTY, DEFAULT_BUDGET_MICROS)));

    private final long budgetNanos;
    private final CopyOnWriteArrayList<Run> runs = new CopyOnWriteArrayList<>();
    private volatile Thread watcher;
    private volatile boolean asleep;

    /** How many looks the watch took: tests compare it with the time a workload took. */
    private volatile long looks;

    /** A watch of its own; the process shares {@link #instance()}. Tests. */
    StallWatch(long budgetNanos) {
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
        int idleLooks = 0;
        long pause = budgetNanos / 2;
        long watchfulUntil = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            Look look = check(now);
            looks++; // this thread's alone
            if (look == Look.BLOCKED) {
                watchfulUntil = now + WATCHFUL_NANOS; // servants here block: catch the next one in time
            }
            if (look != Look.IDLE) {
                idleLooks = 0;
                pause = look == Look.MOVING && now - watchfulUntil > 0
                        ? Math.min(pause * 2, budgetNanos * MAX_LOOK_BUDGETS) : budgetNanos / 2;
            } else if (++idleLooks >= IDLE_LOOKS) {
                asleep = true;
                // Read after announcing sleep: a run started from now on sees asleep and unparks this thread.
                if (!anyRunning()) {
                    LockSupport.park(this);
                }
                asleep = false;
                idleLooks = 0;
                pause = budgetNanos / 2;
                continue;
            }
            LockSupport.parkNanos(this, pause);
        }
    }

    /** How many looks the watch has taken. */
    long looks() {
        return looks;
    }

    /** What a look found. */
    private enum Look {
        /** No call began since the last look, and none is running. */
        IDLE,
        /** Calls began since the last look, and every one running began since. */
        MOVING,
        /** Some run is still at the call the last look saw, and its thread runs. */
        HELD,
        /** Some run is still at the call the last look saw, and its thread waits: its servant blocks. */
        BLOCKED
    }

    /**
     * Relieves the runs over budget. A call is timed from the first look that saw it (its lap count new), so it is
     * never relieved before one budget.
     */
    private Look check(long now) {
        Look look = Look.IDLE;
        for (Run run : runs) {
            boolean running = run.running;
            long laps = (long) Run.LAPS.getAcquire(run);
            if (laps != run.seenLaps) {
                // Calls began since the last look, whether or not one is running now: the process is busy.
                run.seenLaps = laps;
                run.seenNanos = now;
                if (look == Look.IDLE) {
                    look = Look.MOVING;
                }
                continue;
            }
            if (!running) {
                continue;
            }
            boolean waits = waits(run.runner);
            if (waits) {
                look = Look.BLOCKED;
            } else if (look != Look.BLOCKED) {
                look = Look.HELD;
            }
            long ran = now - run.seenNanos;
            if (ran >= budgetNanos && run.relievedLap != laps && (ran >= budgetNanos * RUNNABLE_FACTOR || waits)) {
                run.relievedLap = laps;
                try {
                    run.relief.run();
                } catch (RuntimeException | Error e) {
                    // A relief that throws must not end the watch for everyone else.
                    log.warn("a stall relief failed", e);
                }
            }
        }
        return look;
    }

    private static boolean waits(Thread runner) {
        return runner != null && runner.getState() != Thread.State.RUNNABLE;
    }

    private boolean anyRunning() {
        for (Run run : runs) {
            if (run.running) {
                return true;
            }
        }
        return false;
    }

    /** The watch of one reading role. Its methods are called by the thread that runs the calls. */
    public static final class Run {
        static final VarHandle LAPS;

        static {
            try {
                LAPS = MethodHandles.lookup().findVarHandle(Run.class, "laps", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final StallWatch watch;
        private final Runnable relief;
        private volatile boolean running;
        /** Calls begun (runs started and laps): written by the runner alone, with release stores (no fence). */
        @SuppressWarnings("unused") // through LAPS
        private long laps;
        private volatile long relievedLap = -1; // written by the watch thread
        private volatile Thread runner;
        // The watch thread's own: the lap count it last saw, and when it first saw it.
        private long seenLaps = -1;
        private long seenNanos;

        private Run(StallWatch watch, Runnable relief) {
            this.watch = watch;
            this.relief = relief;
        }

        /** A run begins now, on the calling thread. */
        public void start() {
            runner = Thread.currentThread();
            nextLap();
            running = true;
            watch.started();
        }

        /**
         * The run goes on to its next call: the budget counts from now. A run of many quick calls is not a stall,
         * however long it lasts (a saturated machine stretches it); one call that keeps the reading role past the
         * budget is.
         */
        public void lap() {
            nextLap();
        }

        private void nextLap() {
            LAPS.setRelease(this, (long) LAPS.get(this) + 1);
        }

        /** The run ended; whether its relief was called. */
        public boolean end() {
            running = false;
            return relievedLap == (long) LAPS.get(this);
        }

        /** The reading role is gone: stop watching it. */
        public void close() {
            running = false;
            watch.runs.remove(this);
        }
    }
}
