package io.parley.internal.server;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the server calls in flight so that a closing Orb can refuse new calls and wait for the running ones.
 */
final class InFlight {
    private final AtomicInteger count = new AtomicInteger();
    private volatile boolean closing;

    /** Admits a call, or returns false once closing has begun. */
    boolean tryEnter() {
        count.incrementAndGet();
        if (closing) {
            exit();
            return false;
        }
        return true;
    }

    /** A call admitted by {@link #tryEnter()} has finished and its answer is sent. */
    void exit() {
        if (count.decrementAndGet() == 0 && closing) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Refuses new calls from now on and waits until none is in flight; returns how many were still running. */
    int closeAndAwait(long timeout, TimeUnit unit) throws InterruptedException {
        closing = true;
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (this) {
            while (count.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        return count.get();
    }
}
