package io.parley.it;

import io.parley.CallContext;
import io.parley.OrbException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The servant behind {@link Sleeper}; {@code next} is the sleeper nested calls go to (null when none). */
public class SleeperImpl implements Sleeper {
    private static final String RUNNING = "running";
    private final Map<String, String> outcomes = new ConcurrentHashMap<>();
    volatile Sleeper next;

    @Override
    public String sleep(String tag, int millis) {
        outcomes.put(tag, RUNNING);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            String outcome = "interrupted, cancelled=" + CallContext.current().isCancelled();
            outcomes.put(tag, outcome);
            Thread.currentThread().interrupt(); // as a well-behaved servant does
            return outcome;
        }
        outcomes.put(tag, "slept");
        return "slept " + millis;
    }

    @Override
    public CompletableFuture<String> hold(String tag) {
        outcomes.put(tag, RUNNING);
        CompletableFuture<String> held = new CompletableFuture<>();
        held.whenComplete((value, failure) -> outcomes.put(tag, held.isCancelled() ? "future cancelled"
                : "completed " + value + " " + failure));
        return held;
    }

    @Override
    public CompletableFuture<String> forwardHold(String tag) {
        outcomes.put(tag, RUNNING);
        return next.hold(tag + "/nested");
    }

    @Override
    public String forwardSleep(String tag, int millis) {
        outcomes.put(tag, RUNNING);
        String outcome;
        try {
            outcome = "nested " + next.sleep(tag + "/nested", millis);
        } catch (OrbException e) {
            outcome = "nested " + e.code() + " " + e.completion();
        }
        outcomes.put(tag, outcome);
        return outcome;
    }

    @Override
    public String overrunThenForward(String tag) {
        outcomes.put(tag, RUNNING);
        CallContext context = CallContext.current();
        boolean cancelledBefore = context.isCancelled();
        while (context.timeRemaining().orElseThrow().toNanos() > 0) {
            Thread.onSpinWait(); // busy, as a servant that never looks at its thread's interrupt flag
        }
        long start = System.nanoTime();
        String nested;
        try {
            nested = "nested " + next.sleep(tag + "/nested", 1);
        } catch (OrbException e) {
            nested = "nested " + e.code() + " " + e.completion();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        String outcome = "cancelled before=" + cancelledBefore + " after=" + context.isCancelled() + ", " + nested
                + " after " + millis + " ms";
        outcomes.put(tag, outcome);
        return outcome;
    }

    @Override
    public String outcome(String tag) {
        return outcomes.getOrDefault(tag, "never ran");
    }
}
