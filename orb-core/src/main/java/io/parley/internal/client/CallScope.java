package io.parley.internal.client;

/**
 * The deadline of the calls made on the current thread, set by {@link io.parley.Calls#withTimeout}. Absolute, in
 * {@link System#nanoTime()} units, so nested calls share the remaining budget.
 */
public final class CallScope {
    private static final ThreadLocal<long[]> DEADLINE = new ThreadLocal<>();

    private CallScope() {
    }

    /** Code run inside a scope. */
    @FunctionalInterface
    public interface ScopedBody<T, E extends Exception> {
        T run() throws E;
    }

    /** Runs {@code body} with {@code deadlineNanos} in force, unless an enclosing scope's is earlier. */
    public static <T, E extends Exception> T withDeadline(long deadlineNanos, ScopedBody<T, E> body) throws E {
        long[] previous = DEADLINE.get();
        long effective = previous == null ? deadlineNanos : Math.min(previous[0], deadlineNanos);
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

    /** Whether a scope's deadline is in force on this thread. */
    static boolean hasDeadline() {
        return DEADLINE.get() != null;
    }

    /** The deadline in force on this thread; only meaningful when {@link #hasDeadline()}. */
    static long deadline() {
        long[] deadline = DEADLINE.get();
        return deadline == null ? Long.MAX_VALUE : deadline[0];
    }
}
