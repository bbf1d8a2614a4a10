package io.parley.internal.server;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the server calls in flight, per Orb and per connection: a closing Orb refuses new calls and waits for the
 * running ones, and a call beyond {@code maxCalls} or {@code maxCallsPerConnection} is refused before its servant
 * runs, so that neither one client nor all of them together can queue unbounded work.
 */
final class InFlight {
    /** Why {@link #tryEnter} refused a call; {@code null} means admitted. */
    enum Refusal { CLOSING, ORB_FULL, CONNECTION_FULL }

    private final AtomicInteger count = new AtomicInteger();
    private final int maxCalls;
    private final int maxCallsPerConnection;
    private volatile boolean closing;

    InFlight(int maxCalls, int maxCallsPerConnection) {
        this.maxCalls = maxCalls;
        this.maxCallsPerConnection = maxCallsPerConnection;
    }

    int maxCalls() {
        return maxCalls;
    }

    int maxCallsPerConnection() {
        return maxCallsPerConnection;
    }

    /** Admits a call from {@code from}, or says why not: closing has begun, or a limit is reached. */
    Refusal tryEnter(ServedConnection from) {
        int total = count.incrementAndGet();
        if (closing) {
            exitOrb();
            return Refusal.CLOSING;
        }
        if (total > maxCalls) {
            exitOrb();
            return Refusal.ORB_FULL;
        }
        if (from.inFlight.incrementAndGet() > maxCallsPerConnection) {
            from.inFlight.decrementAndGet();
            exitOrb();
            return Refusal.CONNECTION_FULL;
        }
        return null;
    }

    /** A call admitted by {@link #tryEnter} has finished and its answer is sent. */
    void exit(ServedConnection from) {
        from.inFlight.decrementAndGet();
        exitOrb();
    }

    private void exitOrb() {
        if (count.decrementAndGet() == 0 && closing) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Calls in flight now, from all connections. */
    int count() {
        return count.get();
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
