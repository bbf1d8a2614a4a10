package io.parley.internal.client;

import io.parley.CallContext;
import io.parley.spi.codec.References;
import java.util.Map;

/**
 * What the calls made on the current thread inherit: the deadline set by {@link io.parley.Calls#withTimeout}, and,
 * on a thread serving a call, that call ({@link Served}): its caller's deadline and the metadata marked to
 * propagate. Deadlines are absolute, in {@link System#nanoTime()} units, so nested calls share the remaining budget.
 *
 * <p>Threads: everything here is the current thread's own; the server enters a served call on the thread that
 * runs its interceptors and servant, and leaves it before that thread answers.
 */
public final class CallScope {
    private static final ThreadLocal<long[]> DEADLINE = new ThreadLocal<>();
    private static final ThreadLocal<Served> SERVED = new ThreadLocal<>();

    private CallScope() {
    }

    /** A call being served on this thread, as the calls its servant makes see it. */
    public interface Served {
        /** Whether the caller sent a deadline (standard Thrift clients do not). */
        boolean hasDeadline();

        /** The caller's deadline on this host's clock; only meaningful when {@link #hasDeadline()}. */
        long deadlineNanos();

        /** The served call's context, created when first asked for. */
        CallContext context();

        /** The metadata to copy into nested calls; empty unless keys were marked to propagate. */
        Map<String, Object> propagatedMetadata();

        /** How references cross the connection the call came on (its {@link Peer}). */
        default References references() {
            return References.NONE;
        }

        /** Whether the caller cancelled the call: the calls its servant makes then fail at once. */
        default boolean isCancelled() {
            return false;
        }
    }

    /** Code run inside a scope. */
    @FunctionalInterface
    public interface ScopedBody<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code body} with {@code deadlineNanos} in force, unless an enclosing scope's, or the served caller's,
     * is earlier.
     */
    public static <T, E extends Exception> T withDeadline(long deadlineNanos, ScopedBody<T, E> body) throws E {
        long[] previous = DEADLINE.get();
        long effective = previous == null ? inherited(deadlineNanos) : earlier(previous[0], deadlineNanos);
        DEADLINE.set(new long[] {effective});
        try {
            return body.run();
        } finally {
            if (previous == null) {
                DEADLINE.remove();
            } else {
                DEADLINE.set(previous);
            }
        }
    }

    /**
     * Makes {@code served} the call this thread serves, until {@link #leave}; returns the one it replaces (a
     * non-blocking servant may be served inside another call's nested call on an I/O thread).
     */
    public static Served enter(Served served) {
        Served previous = SERVED.get();
        SERVED.set(served);
        return previous;
    }

    /** Restores the served call that {@link #enter} replaced. */
    public static void leave(Served previous) {
        // set(null) rather than remove(): the thread's entry stays, so the next call on it allocates nothing.
        SERVED.set(previous);
    }

    /** The context of the call served on this thread, or {@code null}. */
    public static CallContext servedContext() {
        Served served = SERVED.get();
        return served == null ? null : served.context();
    }

    /** How references cross the connection of the call served on this thread; {@link References#NONE} when none. */
    public static References servedReferences() {
        Served served = SERVED.get();
        return served == null ? References.NONE : served.references();
    }

    /** Whether this thread serves a call its caller cancelled. */
    static boolean servedCancelled() {
        Served served = SERVED.get();
        return served != null && served.isCancelled();
    }

    /** The metadata the calls made on this thread inherit from the call it serves; empty when none. */
    static Map<String, Object> propagatedMetadata() {
        Served served = SERVED.get();
        return served == null ? Map.of() : served.propagatedMetadata();
    }

    /** {@code deadlineNanos}, or the served caller's deadline when that is earlier. */
    static long inherited(long deadlineNanos) {
        Served served = SERVED.get();
        return served != null && served.hasDeadline() ? earlier(served.deadlineNanos(), deadlineNanos) : deadlineNanos;
    }

    /** Whether a scope's deadline is in force on this thread. */
    static boolean hasDeadline() {
        return DEADLINE.get() != null;
    }

    /** The deadline in force on this thread; only meaningful when {@link #hasDeadline()}. */
    static long deadline() {
        long[] deadline = DEADLINE.get();
        return deadline == null ? Long.MAX_VALUE : deadline[0];
    }

    private static long earlier(long a, long b) {
        // nanoTime values are compared by difference: they may wrap.
        return a - b < 0 ? a : b;
    }
}
