package io.parley.internal;

import java.time.Duration;
import java.util.List;

/**
 * The overload limits of an Orb, as {@link io.parley.Orb.Builder} collected them (see {@code SECURITY.md}, "Overload
 * and limits", for what each defends).
 *
 * @param maxCalls                     calls this Orb serves at once (running, queued for a servant thread, or an
 *                                     asynchronous servant's future not yet complete), from all connections
 * @param maxCallsPerConnection        the same, from one connection
 * @param maxPendingCalls              calls this Orb made that await their replies, on all connections
 * @param maxPendingCallsPerConnection the same, on one connection
 * @param maxQueuedBytesPerConnection  bytes sent on one connection that the peer has not taken yet; 0 means twice
 *                                     the largest message
 * @param idleTimeout                  an accepted connection without calls for this long is closed; zero: never
 * @param keepAliveInterval            a client connection that read nothing for this long is pinged, and closed
 *                                     when no answer comes within another interval; zero: no pings
 */
public record OrbLimits(int maxCalls, int maxCallsPerConnection, int maxPendingCalls,
        int maxPendingCallsPerConnection, long maxQueuedBytesPerConnection, Duration idleTimeout,
        Duration keepAliveInterval) {

    /** 10 000 calls per Orb, 1 000 per connection (both sides), queued bytes 0 (auto), idle 5 min, pings 30 s. */
    public static final int DEFAULT_MAX_CALLS = 10_000;
    public static final int DEFAULT_MAX_CALLS_PER_CONNECTION = 1_000;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_KEEP_ALIVE_INTERVAL = Duration.ofSeconds(30);

    public static OrbLimits defaults() {
        return new OrbLimits(DEFAULT_MAX_CALLS, DEFAULT_MAX_CALLS_PER_CONNECTION, DEFAULT_MAX_CALLS,
                DEFAULT_MAX_CALLS_PER_CONNECTION, 0, DEFAULT_IDLE_TIMEOUT, DEFAULT_KEEP_ALIVE_INTERVAL);
    }

    /** Adds each bad limit, with its value and the allowed range, to {@code problems}. */
    void check(List<String> problems, int maxFrameBytes) {
        atLeastOne(problems, "maxCalls", maxCalls);
        atLeastOne(problems, "maxCallsPerConnection", maxCallsPerConnection);
        atLeastOne(problems, "maxPendingCalls", maxPendingCalls);
        atLeastOne(problems, "maxPendingCallsPerConnection", maxPendingCallsPerConnection);
        if (maxQueuedBytesPerConnection != 0 && maxQueuedBytesPerConnection < maxFrameBytes + 4L) {
            problems.add("maxQueuedBytesPerConnection: " + maxQueuedBytesPerConnection + " (expected: at least "
                    + "maxMessageBytes + 4 = " + (maxFrameBytes + 4L) + ", so that one message fits, or 0 for "
                    + "twice maxMessageBytes)");
        }
        notNegative(problems, "idleTimeout", idleTimeout);
        notNegative(problems, "keepAliveInterval", keepAliveInterval);
    }

    private static void atLeastOne(List<String> problems, String what, int value) {
        if (value < 1) {
            problems.add(what + ": " + value + " (expected: at least 1)");
        }
    }

    private static void notNegative(List<String> problems, String what, Duration value) {
        if (value.isNegative()) {
            problems.add(what + ": " + value + " (expected: zero to switch it off, or positive)");
        }
    }
}
