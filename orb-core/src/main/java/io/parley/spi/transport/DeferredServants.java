package io.parley.spi.transport;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servant calls a transport's reading thread took to run itself ({@link Connection#executeServant}), with the
 * back-off that sends calls to their executors after its runs had to be relieved ({@link StallWatch}): the
 * bookkeeping shared by the transports that run calls on their reading threads. What a run is, and who reads
 * meanwhile, stays the transport's.
 *
 * <p>Threading: {@link #add}, {@link #runNext} and {@link #handOver} from any thread, each call taken once;
 * {@link #relieved} from the stall watch thread only.
 */
public final class DeferredServants {
    /**
     * How long calls go to their executors after a second relief within that time: servants that block as a rule
     * cost one stall a second at most, a one-off slow call (a first call's class loading, a collection) nothing more.
     */
    public static final long BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final Logger log = LoggerFactory.getLogger(DeferredServants.class);

    private final Queue<Deferred> calls = new ConcurrentLinkedQueue<>();
    private volatile long backoffUntil = System.nanoTime();
    /** Whether a back-off ever began: until then {@link #backedOff} reads no clock (it is asked once per call). */
    private volatile boolean everBackedOff;
    private long lastRelief = System.nanoTime() - BACKOFF_NANOS; // stall watch thread only

    /** Whether calls should go to their executors now, after repeated reliefs. */
    public boolean backedOff() {
        return everBackedOff && System.nanoTime() - backoffUntil < 0;
    }

    /** Takes a call to run later on a reading thread, with the executor it goes to if that thread cannot run it. */
    public void add(Runnable call, Executor executor) {
        calls.add(new Deferred(call, executor));
    }

    public boolean isEmpty() {
        return calls.isEmpty();
    }

    /**
     * Runs the next call on the calling thread; {@code false} when none waits. A call's own failures are its
     * business; an interrupt a cancel delivered is cleared, so that the reading thread can block again.
     */
    public boolean runNext() {
        Deferred next = calls.poll();
        if (next == null) {
            return false;
        }
        run(next.call);
        return true;
    }

    /** Gives every waiting call to its executor; one that its executor refuses (it is closing) runs here. */
    public void handOver() {
        for (Deferred next; (next = calls.poll()) != null; ) {
            try {
                next.executor.execute(next.call);
            } catch (RejectedExecutionException e) {
                run(next.call);
            }
        }
    }

    /** A run was relieved: a second relief within {@link #BACKOFF_NANOS} backs off for that long. Watch thread. */
    public void relieved() {
        long now = System.nanoTime();
        if (now - lastRelief < BACKOFF_NANOS) {
            backoffUntil = now + BACKOFF_NANOS;
            everBackedOff = true;
            log.debug("a second run of servant calls in {} ms passed its budget: servant calls go to their executors"
                    + " for {} ms", TimeUnit.NANOSECONDS.toMillis(now - lastRelief),
                    TimeUnit.NANOSECONDS.toMillis(BACKOFF_NANOS));
        } else {
            log.debug("a run of servant calls passed its budget: the calls waiting behind it go to their executors");
        }
        lastRelief = now;
    }

    private static void run(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException | Error e) {
            log.warn("a servant call failed outside its own error handling", e);
        } finally {
            Thread.interrupted();
        }
    }

    private record Deferred(Runnable call, Executor executor) {
    }
}
