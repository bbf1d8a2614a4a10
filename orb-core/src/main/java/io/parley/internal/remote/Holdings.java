package io.parley.internal.remote;

import io.parley.Endpoint;
import io.parley.internal.client.ClientCalls;
import io.parley.internal.client.Peer;
import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.MethodDescriptor;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The holder's side of the leases: the proxies this Orb made from received references, each with a
 * {@link HeldLease}, and the lease messages to their owners. A proxy whose reference came from its owner over a
 * connection is counted by the owner already; one whose reference came from anyone else announces itself to the
 * owner with a retain. Releases (explicit, or seen through a {@link Cleaner} when a proxy is collected) are batched
 * per connection for a few milliseconds and sent as one oneway call.
 *
 * <p>Threads: lease messages go out from a serial queue on the Orb's executor, so that an object's retain always
 * precedes its release, and connecting for a retain never blocks an I/O or caller thread. One Cleaner thread is
 * shared by every Orb of the process. No {@code System.gc()} anywhere: collection is observed, never forced.
 */
final class Holdings {
    private static final Logger log = LoggerFactory.getLogger(Holdings.class);
    private static final Cleaner CLEANER = Cleaner.create(runnable -> {
        Thread thread = new Thread(runnable, "parley-cleaner");
        thread.setDaemon(true);
        return thread;
    });
    /** How long releases wait to be batched with others. */
    private static final long BATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private static final MethodDescriptor RELEASE = InterfaceDescriptor.of(Leases.class).method("release");
    private static final MethodDescriptor RETAIN = InterfaceDescriptor.of(Leases.class).method("retain");

    private final SerialExecutor serial;
    private final ScheduledExecutorService timer;
    private final ClientCalls calls;
    private final long connectTimeoutNanos;
    private final String orbName;
    private final Map<Peer, Map<String, Integer>> unsent = new HashMap<>(); // serial queue only
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private volatile boolean closed;

    Holdings(Executor executor, ScheduledExecutorService timer, ClientCalls calls, long connectTimeoutNanos,
            String orbName) {
        this.serial = new SerialExecutor(executor);
        this.timer = timer;
        this.calls = calls;
        this.connectTimeoutNanos = connectTimeoutNanos;
        this.orbName = orbName;
    }

    /**
     * Tracks {@code proxy}, whose owner counted its lease against {@code via} when it sent the reference.
     */
    HeldLease counted(String objectId, Peer via) {
        return new HeldLease(objectId, this, via);
    }

    /** A lease still to be announced to the owner (see {@link #track}). */
    HeldLease toRetain(String objectId) {
        return new HeldLease(objectId, this, null);
    }

    /**
     * Registers {@code proxy} with the Cleaner, and for a lease still to be announced sends the retain over
     * {@code route} (the connection to the owner, when one is open) or to one of {@code endpoints}.
     */
    void track(Object proxy, HeldLease lease, Peer route, List<Endpoint> endpoints) {
        lease.cleanable(CLEANER.register(proxy, lease));
        if (lease.via == null) {
            serial.execute(() -> retain(lease, route, endpoints));
        }
    }

    /** The lease ended (explicit release or collection); any thread, the Cleaner's included. */
    void released(HeldLease lease) {
        if (closed) {
            return;
        }
        serial.execute(() -> {
            Peer via = lease.via;
            if (via == null || !via.isOpen()) {
                return; // never counted, or the connection's close ended it already
            }
            unsent.computeIfAbsent(via, peer -> new LinkedHashMap<>()).merge(lease.objectId, 1, Integer::sum);
            if (flushScheduled.compareAndSet(false, true)) {
                timer.schedule(() -> serial.execute(this::flush), BATCH_NANOS, TimeUnit.NANOSECONDS);
            }
        });
    }

    void close() {
        closed = true;
    }

    /** Serial queue. */
    private void retain(HeldLease lease, Peer route, List<Endpoint> endpoints) {
        if (closed || lease.isReleased()) {
            return;
        }
        Peer via = route;
        try {
            if (via == null || !via.isOpen()) {
                via = calls.peerAt(endpoints, System.nanoTime() + connectTimeoutNanos);
            }
            calls.sendOneway(via, Leases.SERVICE, Leases.OBJECT_ID, RETAIN, new Object[] {List.of(lease.objectId)},
                    TimeUnit.NANOSECONDS.toMicros(connectTimeoutNanos));
            lease.via = via;
        } catch (RuntimeException e) {
            // The owner is unreachable: calls will fail the same way; nothing holds the object for this proxy.
            log.debug("Orb '{}' could not announce its reference to '{}' to the owner: {}", orbName, lease.objectId,
                    e.toString());
        }
    }

    /** Serial queue. */
    private void flush() {
        flushScheduled.set(false);
        List<Map.Entry<Peer, Map<String, Integer>>> batches = new ArrayList<>(unsent.entrySet());
        unsent.clear();
        for (Map.Entry<Peer, Map<String, Integer>> batch : batches) {
            Peer via = batch.getKey();
            if (!via.isOpen()) {
                continue;
            }
            try {
                calls.sendOneway(via, Leases.SERVICE, Leases.OBJECT_ID, RELEASE, new Object[] {batch.getValue()},
                        TimeUnit.NANOSECONDS.toMicros(connectTimeoutNanos));
            } catch (RuntimeException e) {
                log.debug("Orb '{}' could not send releases to {}: {}", orbName, via, e.toString());
            }
        }
    }
}
