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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

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

    private static final int STARTED = 0;
    private static final int SHUTTING_DOWN = 1;
    private static final int TERMINATED = 2;

    private final AtomicReference<Thread> holder = new AtomicReference<>();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Queue<Follower> followers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger state = new AtomicInteger(STARTED);
    private final Promise<Void> terminationFuture = new DefaultPromise<>(GlobalEventExecutor.INSTANCE);
    private final IoHandler handler;
    private final BackgroundDriver driver;
    private final NonBlockingContext nonBlocking = new NonBlockingContext();
    private final BlockingContext blocking = new BlockingContext();
    /** Whether the channel had work left when the lease was last given up: read without the lease. */
    private volatile boolean channelNeedsDriving;
    private final List<BooleanSupplier> channelDemands = new ArrayList<>(); // lease only
    private boolean initialized; // lease only

    private LeasedIoEventLoop(IoHandlerFactory ioHandlers, ThreadFactory driverThreads) {
        this.handler = ioHandlers.newHandler(this);
        this.driver = new BackgroundDriver(this, driverThreads);
    }

    /** A new loop with its background driver thread started (asleep until there is work). */
    public static LeasedIoEventLoop start(IoHandlerFactory ioHandlers, ThreadFactory driverThreads) {
        LeasedIoEventLoop loop = new LeasedIoEventLoop(ioHandlers, driverThreads);
        loop.driver.start();
        return loop;
    }

    /**
     * Adds a channel's answer to whether it has work left with no caller waiting (connecting, replies awaited,
     * unflushed bytes), until {@link #unwatch}. Holder only: the supplier is evaluated under the lease.
     */
    void watch(BooleanSupplier demand) {
        assert inEventLoop();
        channelDemands.add(Objects.requireNonNull(demand));
    }

    /** The channel closed: its demand no longer counts. Holder only. */
    void unwatch(BooleanSupplier demand) {
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
                runTurn(-1);
                return write.getAsBoolean();
            } finally {
                // Hands the connection to the background driver if the frame expects an answer.
                release();
            }
        }
        return write.getAsBoolean();
    }

    private void follow(Follower me, long deadlineNanos) throws InterruptedException {
        while (!me.done.isDone()) {
            if (tryLease()) {
                try {
                    drive(me.done, deadlineNanos);
                } finally {
                    release();
                }
                return;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return;
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
        while (!done.isDone() && !isTerminated()) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            runTurn(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    private boolean tryLease() {
        return holder.get() == null && holder.compareAndSet(null, Thread.currentThread());
    }

    /** Gives the lease up, then makes sure someone drives if work is left. Holder only. */
    private void release() {
        // The channel's own state may be read under the lease only: record it for ensureDriven.
        channelNeedsDriving = demandUnderLease();
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
            driver.wake(); // only the background driver takes the loop down
            return;
        }
        for (Follower follower : followers) {
            if (!follower.done.isDone()) {
                LockSupport.unpark(follower.thread);
                return;
            }
        }
        if (channelNeedsDriving || !tasks.isEmpty()) {
            driver.wake();
        }
    }

    private boolean demandUnderLease() {
        if (!tasks.isEmpty() || nextScheduledTaskNano() != -1) {
            return true;
        }
        for (BooleanSupplier demand : channelDemands) {
            if (demand.getAsBoolean()) {
                return true;
            }
        }
        return false;
    }

    private void wakeCompletedFollowers() {
        if (followers.isEmpty()) {
            return; // the sequential case: no iterator to allocate on every turn
        }
        for (Follower follower : followers) {
            if (!follower.woken && follower.done.isDone()) {
                follower.woken = true;
                LockSupport.unpark(follower.thread);
            }
        }
    }

    /** One turn of the loop: I/O (select blocking up to {@code maxBlockNanos}, or not at all when negative), tasks. */
    private void runTurn(long maxBlockNanos) {
        if (isTerminated()) {
            return;
        }
        if (!initialized) {
            initialized = true;
            handler.initialize();
        }
        IoHandlerContext context = nonBlocking;
        if (maxBlockNanos >= 0) {
            blocking.maxBlockNanos = maxBlockNanos;
            context = blocking;
        }
        handler.run(context);
        runTasks();
        wakeCompletedFollowers();
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
        try {
            runTurn(-1);
            while (!isTerminated()) {
                if (isShuttingDown()) {
                    finishShutdown();
                    return;
                }
                if (!demandUnderLease() && !hasWaitingFollower()) {
                    return;
                }
                runTurn(DRIVER_RECHECK_NANOS);
            }
        } finally {
            if (isTerminated()) {
                holder.set(null);
            } else {
                release();
            }
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
