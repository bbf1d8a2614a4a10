package io.parley.internal.remote;

import java.time.Duration;
import java.util.List;

/**
 * How an Orb passes objects by reference ({@code Orb.Builder.leaseTime}, {@code maxExportsPerPeer},
 * {@code collocation}).
 *
 * @param leaseTime         how long an implicitly exported object stays exported once no lease is left, so that a
 *                          reference handed on from one holder to another (which announces itself) is not lost
 * @param maxExportsPerPeer how many implicitly exported objects one connection's peer may hold leases on
 * @param collocation       whether proxies of this Orb's own objects call them directly (through the interceptors,
 *                          with value arguments copied) instead of over a connection
 */
public record RemoteObjectSettings(Duration leaseTime, int maxExportsPerPeer, boolean collocation) {

    /** The defaults: 10 s, 10,000, on. */
    public static RemoteObjectSettings defaults() {
        return new RemoteObjectSettings(Duration.ofSeconds(10), 10_000, true);
    }

    /** Adds a line per bad setting to {@code problems}. */
    public void validate(List<String> problems) {
        if (leaseTime == null || leaseTime.isNegative() || leaseTime.isZero()) {
            problems.add("leaseTime: " + leaseTime + " (expected: positive)");
        }
        if (maxExportsPerPeer < 1) {
            problems.add("maxExportsPerPeer: " + maxExportsPerPeer + " (expected: at least 1)");
        }
    }
}
