package io.parley;

import io.parley.internal.client.CallScope;
import java.time.Duration;
import java.util.Objects;

/**
 * Per-call options, set for the calls made inside a scope on the current thread.
 *
 * <pre>{@code
 * int sum = Calls.withTimeout(Duration.ofMillis(50), () -> calculator.add(1, 2));
 * }</pre>
 */
public final class Calls {

    private Calls() {
    }

    /**
     * Runs {@code body} with a deadline {@code timeout} from now for every remote call it makes on this thread: the
     * calls share that budget, as a caller with a deadline expects. An enclosing scope's earlier deadline still
     * wins. It overrides {@link Timeout} and the Orb's default timeout.
     *
     * @param timeout positive
     * @throws E whatever {@code body} throws
     */
    public static <T, E extends Exception> T withTimeout(Duration timeout, Body<T, E> body) throws E {
        Objects.requireNonNull(body, "body");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: positive)");
        }
        long deadline = System.nanoTime() + saturatedNanos(timeout);
        return CallScope.withDeadline(deadline, body::run);
    }

    private static long saturatedNanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }

    /** Code that makes remote calls; may throw the checked exceptions those calls declare. */
    @FunctionalInterface
    public interface Body<T, E extends Exception> {
        /** Runs the calls and returns their outcome. */
        T run() throws E;
    }
}
