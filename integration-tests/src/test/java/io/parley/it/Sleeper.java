package io.parley.it;

import io.parley.Remote;
import io.parley.Timeout;
import java.util.concurrent.CompletableFuture;

/**
 * A servant that sleeps and says how each call ended, for the cancellation tests. Calls are tagged so that the test
 * can ask the server, in this JVM or another, what became of each one ({@link #outcome}).
 */
@Remote(name = "Sleeper")
@Timeout(30_000)
public interface Sleeper {
    /** Sleeps {@code millis}; its outcome is "slept" or "interrupted, cancelled=" and what the context said. */
    String sleep(String tag, int millis);

    /** An asynchronous servant whose future completes only when cancelled; its outcome is then "future cancelled". */
    CompletableFuture<String> hold(String tag);

    /** Returns the next sleeper's {@link #hold} future as its own: an asynchronous servant making a nested call. */
    CompletableFuture<String> forwardHold(String tag);

    /** Calls {@link #sleep} on the next sleeper; its outcome is the nested call's ("nested " and the result or code). */
    String forwardSleep(String tag, int millis);

    /**
     * Works (without sleeping, deaf to interrupts) until the call's deadline has passed, then calls {@link #sleep} on
     * the next sleeper; its outcome says what the context said and how the nested call failed, and how fast.
     */
    String overrunThenForward(String tag);

    /** What became of the call tagged {@code tag}: "never ran", "running", or its outcome. */
    String outcome(String tag);
}
