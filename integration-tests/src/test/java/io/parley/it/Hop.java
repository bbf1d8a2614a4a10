package io.parley.it;

import io.parley.Remote;
import io.parley.Timeout;
import java.util.concurrent.CompletableFuture;

/** One hop of a chain of calls A → B → C: reports what the call context showed it, or forwards to the next hop. */
@Remote
public interface Hop {
    /** The served call's metadata value of {@code key} (string, or "bytes:" and the length), or "none". */
    String seen(String key);

    /** Calls {@link #seen} on the next hop and returns its answer. */
    String forward(String key);

    /** The time the served call had left, in ms, or -1 when it had no deadline. */
    long remainingMillis();

    /** Calls {@link #remainingMillis} on the next hop. */
    long forwardRemainingMillis();

    /** Sleeps; the long method timeout makes sure only an inherited deadline can cut it short. */
    @Timeout(30_000)
    String slow(int millis);

    /** Calls {@link #slow} on the next hop; the outcome is also put into the servant's record. */
    @Timeout(30_000)
    String forwardSlow(int millis);

    int square(int x) throws Refused;

    CompletableFuture<Integer> squareLater(int x);

    /** A declared exception. */
    class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }
}
