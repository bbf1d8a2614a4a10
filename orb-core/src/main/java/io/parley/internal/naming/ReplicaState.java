package io.parley.internal.naming;

import io.parley.RemoteRef;
import io.parley.Replica;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One replica as this Orb's proxies see it: its reference, the calls in flight to it (for least-pending), and whether
 * it is skipped after a failed connection. A replica that failed is skipped for a back-off that doubles on each
 * further failure (from {@link #FIRST_BACKOFF_NANOS} up to {@link #MAX_BACKOFF_NANOS}); once the back-off has passed
 * a call may try it again, and a success makes it healthy.
 */
final class ReplicaState {
    static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Replica replica;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile long skipUntilNanos;
    private volatile long backoffNanos;
    private volatile RemoteRef otherService;

    ReplicaState(Replica replica) {
        this.replica = replica;
    }

    Replica replica() {
        return replica;
    }

    /** The reference to call {@code service} on: the replica's own, or the same object under another interface. */
    RemoteRef ref(String service) {
        RemoteRef ref = replica.ref();
        if (ref.service().equals(service)) {
            return ref;
        }
        RemoteRef other = otherService;
        if (other == null || !other.service().equals(service)) {
            // A servant serves every remote interface it implements; its reference names only the first.
            other = new RemoteRef(service, ref.objectId(), ref.endpoints(), ref.incarnation());
            otherService = other;
        }
        return other;
    }

    int pending() {
        return pending.get();
    }

    void callStarted() {
        pending.incrementAndGet();
    }

    void callEnded() {
        pending.decrementAndGet();
    }

    /** Whether proxies should avoid this replica now. */
    boolean isSkipped(long nowNanos) {
        long until = skipUntilNanos;
        return until != 0 && nowNanos - until < 0;
    }

    /** The replica could not be reached: skip it for a while. */
    void failed(long nowNanos) {
        long backoff = backoffNanos == 0 ? FIRST_BACKOFF_NANOS : Math.min(backoffNanos * 2, MAX_BACKOFF_NANOS);
        backoffNanos = backoff;
        skipUntilNanos = nowNanos + backoff;
    }

    /** The replica answered: it is healthy again. */
    void succeeded() {
        if (skipUntilNanos != 0) {
            skipUntilNanos = 0;
            backoffNanos = 0;
        }
    }

    @Override
    public String toString() {
        return replica.ref().toString();
    }
}
