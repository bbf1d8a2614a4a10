package io.parley.internal.naming;

import io.parley.Completion;
import io.parley.ErrorCode;
import io.parley.OrbException;
import io.parley.spi.MethodDescriptor;

/**
 * The at-most-once rule for name-bound proxies: when a failed attempt may be repeated on another replica.
 *
 * <ul>
 * <li>Completion NO (the servant provably did not run: no connection, refused by a closing server, object not
 *     exported there, too busy): retried, whatever the method.</li>
 * <li>Completion MAYBE on a lost connection (UNAVAILABLE): retried only when the method is
 *     {@link io.parley.Idempotent}.</li>
 * <li>Never retried: completion YES (the servant ran), timeouts (the call's one deadline has passed, and the call may
 *     still run), cancellation, bad data or configuration (another replica would fail the same way), and exceptions
 *     the method declares (they are the servant's answer).</li>
 * </ul>
 * Attempts are bounded by {@link #MAX_ATTEMPTS}, each on a different replica, all within the call's deadline.
 */
final class Failover {
    /** At most this many attempts per call, the first included. */
    static final int MAX_ATTEMPTS = 3;

    private Failover() {
    }

    /** Whether {@code failure} of an attempt of {@code method} may be retried on another replica. */
    static boolean mayRetry(Throwable failure, MethodDescriptor method) {
        if (!(failure instanceof OrbException orbFailure)) {
            return false;
        }
        ErrorCode code = orbFailure.code();
        if (orbFailure.completion() == Completion.NO) {
            return code == ErrorCode.UNAVAILABLE || code == ErrorCode.OBJECT_NOT_FOUND
                    || code == ErrorCode.RESOURCE_EXHAUSTED;
        }
        return orbFailure.completion() == Completion.MAYBE && code == ErrorCode.UNAVAILABLE
                && method.isIdempotent();
    }

    /** Whether {@code failure} says the replica itself is unreachable, so that proxies should skip it for a while. */
    static boolean replicaUnreachable(Throwable failure) {
        return failure instanceof OrbException orbFailure && (orbFailure.code() == ErrorCode.UNAVAILABLE
                || orbFailure.code() == ErrorCode.OBJECT_NOT_FOUND);
    }
}
