package io.parley.transport.netty.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelPromise;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import io.netty.util.concurrent.AbstractScheduledEventExecutor;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import io.parley.spi.transport.DeferredServants;
import io.parley.spi.transport.StallWatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loop of a transport's caller-driven client connections (one selector for all of them): its
 * "event-loop thread" is whichever thread holds its lease. A synchronous caller that finds the lease free takes it,
 * writes its frame, selects and reads the reply on its own thread (see {@link #sendAndAwait}); a sender of an
 * asynchronous or oneway frame that finds it free writes on its own thread too ({@link #send}). While a caller
 * holds the lease, other callers queue their frames through it and wait as followers, any of whom takes the lease
 * over when the holder leaves before their replies came. A {@link BackgroundDriver} thread takes the lease only
 * when work is left and no caller drives: connecting, asynchronous calls in flight, queued tasks, closing.
 *
 * <p>Why this is safe for Netty: {@link #inEventLoop(Thread)} is true for the lease holder only, so every access to
 * the channel, its pipeline and the selector happens under the lease, one thread at a time; taking the lease (a
 * compare-and-set) after its release (a volatile write) orders each holder's actions before the next holder's.
 * Other threads only queue tasks ({@link #execute}) and wake the holder's select.
 *
 * <p>Hand-off rule, which keeps some thread driving whenever the connection needs it: every thread that gives the
 * lease up, and every follower that stops waiting, calls {@link #ensureDriven()}, which (if the lease is free and
 * work is left) wakes a follower still waiting, or else the background driver. {@link #execute} calls it too. Each
 * of them writes its own state (lease, task queue, follower queue) before reading the others', so of two racing
 * threads at least one sees the other's work.
 *
 * <p>Serving loops ({@link #startServing}) carry accepted connections, which must always be read: two background
 * drivers take turns at the lease, and one of them always drives, except while it runs servant calls in place of
 * reading. A frame handler on a driver hands such calls to {@link #deferServant}; once the turn has ended the
 * driver gives the lease up without waking anyone, runs them on its own thread (their answers go out through
 * {@link #send}, which finds the lease free), and takes the lease back: a sequential call crosses no thread. Work
 * that other threads queue meanwhile wakes the other driver. A run whose call passes the {@link StallWatch} budget is
 * relieved: the other driver takes reading over and the calls still waiting go to their executors; after a second
 * relief within {@link DeferredServants#BACKOFF_NANOS} the loop sends every call to its executor for that long, so that
 * servants which block as a rule cost one stall a second at most, and a one-off (a first call, a collection) none. Only one driver runs calls at a time, so the other is always there to relieve it.
 *
 * <p>Limit: a synchronous call made by the lease holder itself (from a handler callback of a client connection)
 * cannot drive while it waits; like a call from an I/O thread, it waits until its deadline.
 */
public final class LeasedIoEventLoop extends AbstractScheduledEventExecutor implements IoEventLoop {
    /**
     * Longest the background driver blocks in select before checking again whether work is left: a call forgotten
     * at its deadline wakes nobody, and the driver must not keep the lease for a connection that went idle.
     */
    private static final long DRIVER_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** Tasks run per turn, so that tasks which queue further tasks cannot keep the holder from its I/O. */
    private static final int MAX_TASKS_PER_TURN = 1024;
    private static final int MAX_SHUTDOWN_TURNS = 16;
    /**
     * How long a follower yields its core, checking for its reply and for a free lease, before it parks
     * ({@code -Dparley.tcp.followerYieldMicros}). Measured on 2 cores with 16 callers: 50 µs gave 96-101k calls/s,
     * 200 µs 166-173k, 1 ms 152-181k; at 200 µs most replies come before a follower would park, and a follower
     * waiting for a slow servant wastes 200 µs of yields at most.
     */
    private static final long FOLLOWER_YIELD_NANOS =
            TimeUnit.MICROSECONDS.toNanos(Long.getLong("parley.tcp.followerYieldMicros", 200));
    /**
     * How long a thread that expects I/O soon polls the selector (yielding its core between polls) before it blocks
     * in select ({@code -Dparley.tcp.spinMicros}, 0 to block at once): a caller that has just written its call, and a
     * serving driver that has just read or answered. A thread blocked in select costs a wake-up when its bytes come,
     * which on a virtual machine whose idle core has halted is 20 to 25 µs each way; polling while the peer works
     * turns a sequential call's two wake-ups into none. Bounded: an idle connection polls once per call, this long.
     */
    static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(Long.getLong("parley.tcp.spinMicros", 50));
    /** Longest a serving loop's driver blocks in select: only to look again, since it never stops driving. */
    private static final long SERVING_SELECT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Logger log = LoggerFactory.getLogger(LeasedIoEventLoop.class);

    private static final int STARTED = 0;
    private static final int SHUTTING_DOWN = 1;
    private static final int TERMINATED = 2;

    private final AtomicReference<Thread> holder = new AtomicReference<>();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Queue<Follower> followers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger state = new AtomicInteger(STARTED);
    private final Promise<Void> terminationFuture = new DefaultPromise<>(GlobalEventExecutor.INSTANCE);
    private final IoHandler handler;
    private final BackgroundDriver[] drivers;
    /** Whether this loop carries accepted connections (always read, servant calls run by the drivers). */
    private final boolean serving;
    /** Servant calls deferred by frame handlers on a driver, for it to run once its turn has ended. */
    private final DeferredServants servants = new DeferredServants();
    /** The driver running servant calls without the lease, or {@code null}. */
    private volatile Thread detached;
    /** Set by a relief, cleared when the run ends: the run stops taking calls, the relieving driver hands them over. */
    private volatile boolean relieved;
    private final StallWatch.Run stallRun; // serving loops only
    /** Writers holding answers of a driver's run of calls, to be flushed together. Lease only. */
    private final List<FrameWriter> delayedFlushes = new ArrayList<>();
    private final NonBlockingContext nonBlocking = new NonBlockingContext();
    private final BlockingContext blocking = new BlockingContext();
    /** What the channels needed when the lease was last given up: read without the lease. */
    private volatile ChannelDemand channelDemand = ChannelDemand.NONE;
    private final List<Supplier<ChannelDemand>> channelDemands = new ArrayList<>(); // lease only
    private boolean initialized; // lease only
    private boolean wokeFollowers; // lease only

    private LeasedIoEventLoop(IoHandlerFactory ioHandlers, ThreadFactory driverThreads, boolean serving) {
        this.handler = ioHandlers.newHandler(this);
        this.serving = serving;
        this.drivers = new BackgroundDriver[serving ? 2 : 1];
        for (int i = 0; i < drivers.length; i++) {
            drivers[i] = new BackgroundDriver(this, driverThreads);
        }
        this.stallRun = serving ? StallWatch.instance().register(this::relieve) : null;
    }

    /** A new loop for client connections, with its background driver thread started (asleep until there is work). */
    public static LeasedIoEventLoop start(IoHandlerFactory ioHandlers, ThreadFactory driverThreads) {
        return started(new LeasedIoEventLoop(ioHandlers, driverThreads, false));
    }

    /**
     * A new serving loop, for accepted connections, with its two drivers started: they run the servant calls that
     * frame handlers give {@link #deferServant}.
     */
    public static LeasedIoEventLoop startServing(IoHandlerFactory ioHandlers, ThreadFactory driverThreads) {
        return started(new LeasedIoEventLoop(ioHandlers, driverThreads, true));
    }

    private static LeasedIoEventLoop started(LeasedIoEventLoop loop) {
        for (BackgroundDriver driver : loop.drivers) {
            driver.start();
        }
        return loop;
    }

    /**
     * Adds a channel's answer to what it needs with no caller waiting (see {@link ChannelDemand}), until
     * {@link #unwatch}. Holder only: the supplier is evaluated under the lease.
     */
    void watch(Supplier<ChannelDemand> demand) {
        assert inEventLoop();
        channelDemands.add(Objects.requireNonNull(demand));
    }

    /** The channel closed: its demand no longer counts. Holder only. */
    void unwatch(Supplier<ChannelDemand> demand) {
        assert inEventLoop();
        channelDemands.remove(demand);
    }

    // ---- The caller-driven path ------------------------------------------------------------------------------

    /**
     * Writes a frame and waits until {@code done} completes or the deadline passes, driving the connection on the
     * calling thread whenever no other thread drives it. {@code write} is called exactly once: under the lease
     * when the caller has it (then the frame goes to the socket at once), otherwise from the caller's thread
     * (then it queues the frame for the holder and wakes it); it returns {@code false} when the connection is
     * closed and the frame was dropped. Must not be called by the lease holder.
     *
     * @return {@code write}'s answer
     * @throws InterruptedException when interrupted while waiting; the frame may have been sent
     */
    boolean sendAndAwait(BooleanSupplier write, java.util.concurrent.Future<?> done, long deadlineNanos)
            throws InterruptedException {
        if (tryLease()) {
            try {
                // Pending I/O and tasks first: a close the server made while the connection was idle shows now, and
                // frames other threads queued before this one keep their order.
                runTurn(-1);
                if (!write.getAsBoolean()) {
                    return false;
                }
                drive(done, deadlineNanos);
                return true;
            } finally {
                release();
            }
        }
        Follower me = new Follower(Thread.currentThread(), done);
        // Registered before the write, so that a holder leaving from now on sees this follower and can wake it.
        followers.add(me);
        try {
            if (!write.getAsBoolean()) {
                return false;
            }
            follow(me, deadlineNanos);
            return true;
        } finally {
            followers.remove(me);
            // It may have been woken to take the lease over, and be leaving without having taken it.
            ensureDriven();
        }
    }

    /**
     * Writes a frame without waiting for anything: under the lease when it is free (after reading pending I/O, as
     * {@link #sendAndAwait} does), otherwise by queueing it for the holder. {@code write} is called exactly once, as
     * in {@link #sendAndAwait}. Must not be called by the lease holder.
     *
     * @return {@code write}'s answer
     */
    boolean send(BooleanSupplier write) {
        if (tryLease()) {
            try {
                if (Thread.currentThread() != detached) {
                    runTurn(-1);
                } // else a driver answering a call it ran: it reads (and runs tasks) once its calls are done
                return write.getAsBoolean();
            } finally {
                // Hands the connection to the background driver if the frame expects an answer.
                release();
            }
        }
        return write.getAsBoolean();
    }

    private void follow(Follower me, long deadlineNanos) throws InterruptedException {
        long yieldUntil = System.nanoTime() + FOLLOWER_YIELD_NANOS;
        while (!me.done.isDone()) {
            if (tryLease()) {
                try {
                    drive(me.done, deadlineNanos);
                } finally {
                    release();
                }
                return;
            }
            long now = System.nanoTime();
            long left = deadlineNanos - now;
            if (left <= 0) {
                return;
            }
            if (now - yieldUntil < 0) {
                // With more callers than cores, giving the core away is far cheaper than parking: the holder (or
                // the peer) runs meanwhile, and this caller needs no unpark when its reply comes within the budget.
                Thread.yield();
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                continue;
            }
            // Woken by the holder when the reply came, or when the lease is free for it to take.
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** Runs the loop on the calling thread, which holds the lease, until {@code done} or the deadline. */
    private void drive(java.util.concurrent.Future<?> done, long deadlineNanos) throws InterruptedException {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (!done.isDone() && !isTerminated()) {
            long now = System.nanoTime();
            long left = deadlineNanos - now;
            if (left <= 0) {
                return;
            }
            if (now - spinUntil < 0) {
                pollTurn();
            } else {
                runTurn(left);
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (wokeFollowers) {
                // The callers just woken run now and queue their next frames, which the next turn then writes in
                // one system call instead of one each.
                wokeFollowers = false;
                Thread.yield();
            }
        }
    }

    private boolean tryLease() {
        return holder.get() == null && holder.compareAndSet(null, Thread.currentThread());
    }

    /** Gives the lease up, then makes sure someone drives if work is left. Holder only. */
    private void release() {
        // The channel's own state may be read under the lease only: record it for ensureDriven.
        channelDemand = demandUnderLease();
        wakeCompletedFollowers();
        holder.set(null);
        ensureDriven();
    }

    /**
     * If nobody holds the lease and work is left, wakes one follower still waiting (it takes the lease and drives
     * for everyone until its own reply came), or else the background driver. Any thread.
     */
    void ensureDriven() {
        if (holder.get() != null) {
            return;
        }
        if (isShuttingDown()) {
            wakeDriver(); // only a background driver takes the loop down
            return;
        }
        for (Follower follower : followers) {
            if (!follower.done.isDone()) {
                LockSupport.unpark(follower.thread);
                return;
            }
        }
        // A driver running servant calls comes back to read, so the channels need no one else, unless its run was
        // relieved: then it may never come back (its call waits for a call nobody else would read).
        ChannelDemand demand = channelDemand;
        if (!tasks.isEmpty() || (demand == ChannelDemand.DRIVE && (detached == null || relieved))) {
            wakeDriver();
        } else if (demand == ChannelDemand.LISTEN) {
            // Only in case the peer calls: a caller making sequential calls takes the lease again within the grace,
            // where a driver holding it would make each of its calls a follower's (two hand-offs).
            drivers[0].wakeAfterGrace();
        }
    }

    /** Wakes a background driver that is not running servant calls. */
    private void wakeDriver() {
        Thread busy = detached;
        for (BackgroundDriver driver : drivers) {
            if (driver.thread() != busy) {
                driver.wake();
                return;
            }
        }
    }

    private ChannelDemand demandUnderLease() {
        if (serving) {
            return ChannelDemand.DRIVE; // accepted connections must always be read
        }
        if (!tasks.isEmpty() || nextScheduledTaskNano() != -1) {
            return ChannelDemand.DRIVE;
        }
        ChannelDemand most = ChannelDemand.NONE;
        for (Supplier<ChannelDemand> channel : channelDemands) {
            ChannelDemand demand = channel.get();
            if (demand == ChannelDemand.DRIVE) {
                return demand;
            }
            if (demand == ChannelDemand.LISTEN) {
                most = demand;
            }
        }
        return most;
    }

    private void wakeCompletedFollowers() {
        if (followers.isEmpty()) {
            return; // the sequential case: no iterator to allocate on every turn
        }
        for (Follower follower : followers) {
            if (!follower.woken && follower.done.isDone()) {
                follower.woken = true;
                wokeFollowers = true;
                LockSupport.unpark(follower.thread);
            }
        }
    }

    /** One turn of the loop: I/O (select blocking up to {@code maxBlockNanos}, or not at all when negative), tasks. */
    private int runTurn(long maxBlockNanos) {
        if (isTerminated()) {
            return 0;
        }
        if (!initialized) {
            initialized = true;
            handler.initialize();
        }
        flushDelayed();
        IoHandlerContext context = nonBlocking;
        if (maxBlockNanos >= 0) {
            blocking.maxBlockNanos = maxBlockNanos;
            context = blocking;
        }
        int handled = handler.run(context) + runTasks();
        wakeCompletedFollowers();
        return handled;
    }

    /**
     * A turn that does not block, then, unless it handled something, a yield: the thread polls without taking its
     * core from the threads that do the work (a peer on the same core, the servants). Lease holder only.
     *
     * @return the I/O events and tasks handled
     */
    private int pollTurn() {
        int handled = runTurn(-1);
        if (handled == 0 && !wokeFollowers) {
            Thread.yield();
        }
        return handled;
    }

    private int runTasks() {
        fetchFromScheduledTaskQueue(tasks);
        int run = 0;
        Runnable task;
        while (run < MAX_TASKS_PER_TURN && (task = tasks.poll()) != null) {
            safeExecute(task);
            run++;
        }
        return run;
    }

    // ---- The background driver's part ------------------------------------------------------------------------

    /** Drives while work is left and no caller does, then gives the lease up. Called by the background driver. */
    void driveInBackground() {
        if (!tryLease()) {
            return; // the holder calls ensureDriven when it leaves
        }
        boolean leased = true;
        long lastActivity = System.nanoTime();
        try {
            runTurn(-1);
            while (!isTerminated()) {
                if (isShuttingDown()) {
                    finishShutdown();
                    return;
                }
                if (!servants.isEmpty() && detached == null) {
                    leased = false;
                    runServantsDetached();
                    if (!tryLease()) {
                        // The other driver took reading over; its next turn flushes answers still delayed.
                        handler.wakeup();
                        return;
                    }
                    leased = true;
                    lastActivity = System.nanoTime(); // answers went out: the next calls come soon, if at all
                    continue;
                }
                if (!serving && hasWaitingFollower()) {
                    // A caller came: it drives for everyone until its own reply (the release wakes it if it parked),
                    // reading that reply itself instead of waiting for this thread to hand it over.
                    return;
                }
                if (demandUnderLease() == ChannelDemand.NONE) {
                    return;
                }
                // A driver that was already driving when the other's run was relieved takes its waiting calls here.
                handStalledServantsOver();
                if (!serving) {
                    runTurn(DRIVER_RECHECK_NANOS);
                } else if (System.nanoTime() - lastActivity < SPIN_NANOS) {
                    if (pollTurn() > 0) {
                        lastActivity = System.nanoTime();
                    }
                } else if (runTurn(SERVING_SELECT_NANOS) > 0) {
                    lastActivity = System.nanoTime();
                }
            }
        } finally {
            if (!leased) {
                // Gave the lease up to run servant calls and did not get it back.
            } else if (isTerminated()) {
                holder.set(null);
            } else {
                release();
            }
        }
    }

    // ---- Servant calls on the drivers of a serving loop ----------------------------------------------------

    /**
     * Takes a servant call that may block, for the current driver to run once its turn has ended, if this is a
     * serving loop, the caller is the driver that may run calls now, and no run was relieved lately. Called by a
     * frame handler under the lease.
     *
     * @return whether the call was taken; if not, the caller gives it to {@code executor}
     */
    boolean deferServant(Runnable call, Executor executor) {
        if (!serving || !inEventLoop() || servants.backedOff()) {
            return false;
        }
        Thread current = Thread.currentThread();
        Thread running = detached;
        // While one driver runs calls, only it takes more (from the turns of its answers' sends): the other driver
        // must stay free to relieve it.
        if (running != null ? running != current : !isDriver(current)) {
            return false;
        }
        servants.add(call, executor);
        return true;
    }

    private boolean isDriver(Thread thread) {
        for (BackgroundDriver driver : drivers) {
            if (driver.thread() == thread) {
                return true;
            }
        }
        return false;
    }

    /**
     * Gives the lease up without waking anyone, runs the deferred servant calls on this driver's thread under the
     * stall watch, then returns, for the caller to take the lease back. Driver holding the lease only.
     */
    private void runServantsDetached() {
        channelDemand = demandUnderLease();
        wakeCompletedFollowers();
        detached = Thread.currentThread();
        relieved = false;
        stallRun.start();
        holder.set(null);
        ensureDriven(); // tasks or followers that came meanwhile need a driver now; the channels can wait
        try {
            while (!relieved && servants.runNext()) {
                stallRun.lap(); // one call after the other, each within the budget, until none waits or relieved
            }
        } finally {
            stallRun.end();
            relieved = false;
            detached = null;
            // A cancel may have interrupted a call; the call clears that itself, this is for safety's sake.
            Thread.interrupted();
        }
        servants.handOver(); // the calls left when the run was relieved
    }

    /**
     * Whether an answer written now may wait for the flush of the next one: it is written by a driver running calls,
     * and more calls wait in its run. Lease only.
     */
    boolean mayDelayFlush() {
        return Thread.currentThread() == detached && !servants.isEmpty() && !relieved;
    }

    /** Remembers a writer whose answers wait for {@link #flushDelayed}. Lease only. */
    void flushLater(FrameWriter writer) {
        delayedFlushes.add(writer);
    }

    /** Flushes the answers that waited for the end of a run. Lease only. */
    void flushDelayed() {
        if (delayedFlushes.isEmpty()) {
            return;
        }
        for (FrameWriter writer : delayedFlushes) {
            writer.flushIfPending();
        }
        delayedFlushes.clear();
    }

    /**
     * The stall watch found a run over budget: the other driver reads from now on. When a run was relieved within
     * the last {@link DeferredServants#BACKOFF_NANOS} already, the servants here block as a rule, not by accident (a first
     * call's class loading, a collection): calls go to their executors for that long.
     */
    private void relieve() {
        servants.relieved();
        relieved = true;
        wakeDriver();
        if (holder.get() != null) {
            handler.wakeup(); // a holder in select flushes answers the stalled run delayed
        }
    }

    /**
     * Gives the calls still deferred to their executors, when a run is going on and was relieved. Called by a
     * driver before it drives; a call that its executor refuses (only while the Orb closes) runs here.
     */
    void handStalledServantsOver() {
        if (relieved) {
            servants.handOver();
        }
    }


    private boolean hasWaitingFollower() {
        for (Follower follower : followers) {
            if (!follower.done.isDone()) {
                return true;
            }
        }
        return false;
    }

    /** Runs what is queued, closes the selector and its channels, runs what that queued, terminates. */
    private void finishShutdown() {
        servants.handOver();
        drainTasks();
        handler.prepareToDestroy();
        drainTasks();
        try {
            handler.destroy();
        } finally {
            // Set before the last drain: execute refuses tasks from now on, and the drain runs those that raced.
            state.set(TERMINATED);
            drainTasks();
            cancelScheduledTasks();
            wakeAllFollowers();
            if (stallRun != null) {
                stallRun.close();
            }
            for (BackgroundDriver driver : drivers) {
                driver.wake(); // so that the other driver sees the loop terminated and ends
            }
            terminationFuture.setSuccess(null);
        }
    }

    private void drainTasks() {
        for (int turn = 0; turn < MAX_SHUTDOWN_TURNS && runTasks() > 0; turn++) {
            // Closing a channel queues its inactive and deregistration events as tasks: run them all.
        }
    }

    private void wakeAllFollowers() {
        for (Follower follower : followers) {
            LockSupport.unpark(follower.thread);
        }
    }

    // ---- EventExecutor -----------------------------------------------------------------------------------------

    @Override
    public boolean inEventLoop(Thread thread) {
        return holder.get() == thread;
    }

    /** Queues {@code task} for the lease holder and wakes its select; with no holder, wakes a driver. Any thread. */
    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (isTerminated()) {
            throw new RejectedExecutionException("the connection's event loop has terminated");
        }
        tasks.add(task);
        if (isTerminated() && tasks.remove(task)) {
            throw new RejectedExecutionException("the connection's event loop has terminated");
        }
        Thread current = holder.get();
        if (current == Thread.currentThread()) {
            return; // the holder runs its tasks before it gives the lease up
        }
        if (current != null) {
            handler.wakeup();
        }
        ensureDriven();
    }

    @Override
    public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
        if (state.compareAndSet(STARTED, SHUTTING_DOWN)) {
            handler.wakeup();
            ensureDriven();
        }
        return terminationFuture;
    }

    @Override
    @Deprecated
    public void shutdown() {
        shutdownGracefully(0, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public Future<?> terminationFuture() {
        return terminationFuture;
    }

    @Override
    public boolean isShuttingDown() {
        return state.get() >= SHUTTING_DOWN;
    }

    @Override
    public boolean isShutdown() {
        return state.get() == TERMINATED;
    }

    @Override
    public boolean isTerminated() {
        return state.get() == TERMINATED;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminationFuture.await(timeout, unit);
    }

    // ---- IoEventLoop -------------------------------------------------------------------------------------------

    @Override
    public LeasedIoEventLoop next() {
        return this;
    }

    @Override
    public IoEventLoopGroup parent() {
        return null;
    }

    @Override
    public Future<IoRegistration> register(IoHandle handle) {
        Promise<IoRegistration> promise = newPromise();
        if (inEventLoop()) {
            register(handle, promise);
        } else {
            execute(() -> register(handle, promise));
        }
        return promise;
    }

    private void register(IoHandle handle, Promise<IoRegistration> promise) {
        try {
            promise.setSuccess(handler.register(handle));
        } catch (Exception e) {
            promise.setFailure(e);
        }
    }

    @Override
    @Deprecated
    public ChannelFuture register(Channel channel) {
        return register(new DefaultChannelPromise(channel, this));
    }

    @Override
    @Deprecated
    public ChannelFuture register(ChannelPromise promise) {
        promise.channel().unsafe().register(this, promise);
        return promise;
    }

    @Override
    @Deprecated
    public ChannelFuture register(Channel channel, ChannelPromise promise) {
        channel.unsafe().register(this, promise);
        return promise;
    }

    @Override
    public boolean isCompatible(Class<? extends IoHandle> handleType) {
        return handler.isCompatible(handleType);
    }

    @Override
    public boolean isIoType(Class<? extends IoHandler> handlerType) {
        return handler.getClass().equals(handlerType);
    }

    @Override
    public String toString() {
        return "caller-driven event loop (holder: " + holder.get() + ")";
    }

    /** A synchronous caller waiting without the lease for {@code done}. */
    private static final class Follower {
        final Thread thread;
        final java.util.concurrent.Future<?> done;
        /** Unparked once for its completed reply; hand-off wake-ups are not counted. Holder only. */
        boolean woken;

        Follower(Thread thread, java.util.concurrent.Future<?> done) {
            this.thread = thread;
            this.done = done;
        }
    }

    /** Never blocks: selects what is ready now. */
    private final class NonBlockingContext implements IoHandlerContext {
        @Override
        public boolean canBlock() {
            return false;
        }

        @Override
        public long delayNanos(long currentTimeNanos) {
            return 0;
        }

        @Override
        public long deadlineNanos() {
            return -1;
        }
    }

    /** Blocks up to {@link #maxBlockNanos}, less when a task is queued or scheduled earlier, or when interrupted. */
    private final class BlockingContext implements IoHandlerContext {
        long maxBlockNanos; // lease only

        @Override
        public boolean canBlock() {
            // The interrupt check stops NIO's select before Netty would clear the caller's interrupt flag.
            return tasks.isEmpty() && !hasScheduledTasks() && !isShuttingDown()
                    && !Thread.currentThread().isInterrupted();
        }

        @Override
        public long delayNanos(long currentTimeNanos) {
            long next = nextScheduledTaskNano();
            return next < 0 ? maxBlockNanos : Math.min(maxBlockNanos, next);
        }

        @Override
        public long deadlineNanos() {
            return ticker().nanoTime() + delayNanos(0);
        }
    }
}
