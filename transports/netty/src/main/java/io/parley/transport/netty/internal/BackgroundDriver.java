package io.parley.transport.netty.internal;

import java.util.concurrent.ThreadFactory;
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
    private final AtomicBoolean wanted = new AtomicBoolean();

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

    @Override
    public void run() {
        while (!loop.isTerminated()) {
            // Nobody should interrupt this thread; a stray interrupt flag would make park and select return at once.
            Thread.interrupted();
            // Cleared before driving: a wake-up from now on makes the driver look again, so none is lost.
            if (wanted.getAndSet(false)) {
                loop.handStalledServantsOver();
                loop.driveInBackground();
            } else {
                LockSupport.park(this);
            }
        }
    }
}
