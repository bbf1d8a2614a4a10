package io.parley.transport.netty.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread that drives a {@link LeasedIoEventLoop} when work is left and no caller drives it: connecting,
 * asynchronous calls in flight, queued tasks, closing. It sleeps otherwise, without the lease, so that a synchronous
 * caller finds the lease free and need not wake anyone. It ends once its loop has terminated.
 */
final class BackgroundDriver implements Runnable {
    private final LeasedIoEventLoop loop;
    private final Thread thread;
    /**
     * How long the driver waits before it takes the lease to listen for calls from the peer (see
     * {@link ChannelDemand#LISTEN}): longer than the gap between a caller's sequential calls, short next to what a
     * call from the peer to an idle client may wait.
     */
    static final long LISTEN_GRACE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final AtomicBoolean wanted = new AtomicBoolean();
    private final AtomicBoolean wantedAfterGrace = new AtomicBoolean();

    BackgroundDriver(LeasedIoEventLoop loop, ThreadFactory threads) {
        this.loop = loop;
        this.thread = threads.newThread(this);
    }

    /** The driver's thread. */
    Thread thread() {
        return thread;
    }

    void start() {
        thread.start();
    }

    /** Asks the driver to take the lease and drive; cheap when it was asked already. Any thread. */
    void wake() {
        if (wanted.compareAndSet(false, true)) {
            LockSupport.unpark(thread);
        }
    }

    /** Asks the driver to take the lease after {@link #LISTEN_GRACE_NANOS}, if nobody has it then. Any thread. */
    void wakeAfterGrace() {
        if (wantedAfterGrace.compareAndSet(false, true)) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void run() {
        while (!loop.isTerminated()) {
            // Nobody should interrupt this thread; a stray interrupt flag would make park and select return at once.
            Thread.interrupted();
            // Cleared before driving: a wake-up from now on makes the driver look again, so none is lost.
            if (wanted.getAndSet(false)) {
                wantedAfterGrace.set(false);
                loop.handStalledServantsOver();
                loop.driveInBackground();
            } else if (wantedAfterGrace.get()) {
                LockSupport.parkNanos(this, LISTEN_GRACE_NANOS); // a wake() meanwhile ends the grace early
                if (wantedAfterGrace.getAndSet(false)) {
                    loop.driveInBackground(); // returns at once when a caller holds the lease
                }
            } else {
                LockSupport.park(this);
            }
        }
    }
}
