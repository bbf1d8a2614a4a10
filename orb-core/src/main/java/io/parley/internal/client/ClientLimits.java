package io.parley.internal.client;

import io.parley.Completion;
import io.parley.Endpoint;
import io.parley.ErrorCode;
import io.parley.OrbException;
import io.parley.internal.OrbLimits;
import io.parley.spi.MethodDescriptor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client's bounds: calls awaiting replies per Orb and per connection (asynchronous calls can pile up without
 * limit otherwise: each holds its future, its timer task and its arguments' reply slot), and the keepalive interval.
 * One per Orb; thread-safe.
 */
public final class ClientLimits {
    private final int maxPendingCalls;
    private final int maxPendingCallsPerConnection;
    private final long keepAliveNanos;
    private final AtomicInteger pending = new AtomicInteger();

    public ClientLimits(OrbLimits limits) {
        this.maxPendingCalls = limits.maxPendingCalls();
        this.maxPendingCallsPerConnection = limits.maxPendingCallsPerConnection();
        this.keepAliveNanos = limits.keepAliveInterval().toNanos();
    }

    static ClientLimits defaults() {
        return new ClientLimits(OrbLimits.defaults());
    }

    /** How long a connection may read nothing before it is pinged; 0: never. */
    long keepAliveNanos() {
        return keepAliveNanos;
    }

    /**
     * Counts one more pending call on a connection whose count is {@code onConnection}, or refuses it.
     *
     * @throws OrbException (RESOURCE_EXHAUSTED, completion NO) naming the limit and its setting; nothing is counted
     */
    void acquire(AtomicInteger onConnection, Endpoint endpoint, MethodDescriptor method) {
        if (onConnection.incrementAndGet() > maxPendingCallsPerConnection) {
            onConnection.decrementAndGet();
            throw exhausted(method, maxPendingCallsPerConnection + " calls already await replies from " + endpoint
                    + " (limit Orb.Builder.maxPendingCallsPerConnection=" + maxPendingCallsPerConnection + ")");
        }
        if (pending.incrementAndGet() > maxPendingCalls) {
            pending.decrementAndGet();
            onConnection.decrementAndGet();
            throw exhausted(method, maxPendingCalls + " calls of this Orb already await replies (limit "
                    + "Orb.Builder.maxPendingCalls=" + maxPendingCalls + ")");
        }
    }

    /** Counts a call that no limit refuses (a keepalive ping: it must go out when the connection is busiest). */
    void acquireAlways(AtomicInteger onConnection) {
        onConnection.incrementAndGet();
        pending.incrementAndGet();
    }

    /** A call counted by an {@code acquire} got its reply, failed or was forgotten. */
    void release(AtomicInteger onConnection) {
        onConnection.decrementAndGet();
        pending.decrementAndGet();
    }

    /** Calls of this Orb awaiting replies now. */
    int pending() {
        return pending.get();
    }

    private static OrbException exhausted(MethodDescriptor method, String why) {
        return new OrbException(ErrorCode.RESOURCE_EXHAUSTED, Completion.NO, method + " was not sent: " + why
                + "; wait for replies before sending more, or raise the limit");
    }
}
