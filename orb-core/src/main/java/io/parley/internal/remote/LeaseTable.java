package io.parley.internal.remote;

import io.parley.Completion;
import io.parley.ErrorCode;
import io.parley.OrbException;
import io.parley.Unreferenced;
import io.parley.internal.client.Peer;
import io.parley.internal.server.ExportTable;
import io.parley.spi.InterfaceDescriptor;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The objects this Orb exported implicitly, because they were passed by reference, and the leases on them: a count
 * per (object, peer connection), raised each time the object goes out over the connection (or the peer announces a
 * reference it got elsewhere) and lowered by the peer's releases. A connection's close ends its leases.
 *
 * <p>When an object's last lease ends it stays exported for the lease time, so that a reference on its way from one
 * holder to another (who announces itself with a retain) finds it; after that it is unexported and, if it
 * implements {@link Unreferenced}, told so. Objects the user exported are never leased nor collected.
 *
 * <p>Thread-safe: one lock, held briefly (no I/O, no callbacks under it).
 */
public final class LeaseTable {
    private static final Logger log = LoggerFactory.getLogger(LeaseTable.class);

    private final ExportTable exports;
    private final Supplier<String> newId;
    private final long leaseNanos;
    private final int maxPerPeer;
    private final ScheduledExecutorService timer;
    private final Executor executor;
    private final String orbName;
    private final Map<String, Leased> byId = new HashMap<>();
    private final Map<Object, Leased> byServant = new IdentityHashMap<>();

    public LeaseTable(ExportTable exports, Supplier<String> newId, RemoteObjectSettings settings,
            ScheduledExecutorService timer, Executor executor, String orbName) {
        this.exports = exports;
        this.newId = newId;
        this.leaseNanos = settings.leaseTime().toNanos();
        this.maxPerPeer = settings.maxExportsPerPeer();
        this.timer = timer;
        this.executor = executor;
        this.orbName = orbName;
    }

    /**
     * The id of {@code servant}, exported implicitly now if it is not yet, with one more lease for {@code peer}
     * (none for the collocated peer: a collocated callee gets the servant itself, and the export lasts the lease
     * time unless someone takes a lease).
     *
     * @throws OrbException RESOURCE_EXHAUSTED when the peer holds leases on {@code maxExportsPerPeer} objects and
     *                      this would be one more
     */
    public String lease(Object servant, List<InterfaceDescriptor> interfaces, Peer peer) {
        synchronized (this) {
            Leased leased = byServant.get(servant);
            if (leased == null) {
                checkLimit(peer, null);
                leased = new Leased(newId.get(), servant);
                exports.add(leased.id, servant, false, interfaces);
                byId.put(leased.id, leased);
                byServant.put(servant, leased);
            }
            add(leased, peer, 1, true);
            return leased.id;
        }
    }

    /** Whether {@code objectId} is an implicit export of this table. */
    public synchronized boolean isLeased(String objectId) {
        return byId.containsKey(objectId);
    }

    /** One more lease on an implicit export, which went out again through a collocated proxy of it. */
    public void lease(String objectId, Peer peer) {
        synchronized (this) {
            Leased leased = byId.get(objectId);
            if (leased != null) {
                add(leased, peer, 1, true);
            }
        }
    }

    /** The peer announced a reference it got from someone else: one more lease, if the object is still here. */
    public void retain(String objectId, Peer peer) {
        synchronized (this) {
            Leased leased = byId.get(objectId);
            if (leased == null) {
                log.debug("Orb '{}': {} retains '{}', which is no longer exported", orbName, peer, objectId);
                return;
            }
            add(leased, peer, 1, false);
        }
    }

    /** The peer dropped {@code count} references to the object. */
    public void release(String objectId, Peer peer, int count) {
        synchronized (this) {
            Leased leased = byId.get(objectId);
            if (leased == null || count <= 0) {
                return;
            }
            Integer held = leased.counts.get(peer);
            if (held == null) {
                return;
            }
            if (held > count) {
                leased.counts.put(peer, held - count);
                return;
            }
            leased.counts.remove(peer);
            peer.leaseEnded(objectId);
            expireLaterIfUnleased(leased);
        }
    }

    /** The peer's connection closed: all its leases end. */
    public void peerClosed(Peer peer) {
        synchronized (this) {
            for (String id : peer.leased()) {
                Leased leased = byId.get(id);
                if (leased != null) {
                    leased.counts.remove(peer);
                    expireLaterIfUnleased(leased);
                }
            }
            peer.leasesEnded();
        }
    }

    /** The user unexported an implicit export: forget it (no callback). */
    public synchronized void forget(String objectId) {
        Leased leased = byId.remove(objectId);
        if (leased != null) {
            byServant.remove(leased.servant);
            leased.generation++;
            for (Peer peer : leased.counts.keySet()) {
                peer.leaseEnded(objectId);
            }
        }
    }

    /** How many implicit exports are live. */
    public synchronized int size() {
        return byId.size();
    }

    private void add(Leased leased, Peer peer, int count, boolean enforceLimit) {
        leased.generation++; // a pending expiry no longer applies
        if (peer == null || peer.isLocal()) {
            expireLaterIfUnleased(leased);
            return;
        }
        if (!peer.leased().contains(leased.id)) {
            if (enforceLimit) {
                checkLimit(peer, leased);
            }
            peer.leaseTaken(leased.id);
        }
        leased.counts.merge(peer, count, Integer::sum);
    }

    private void checkLimit(Peer peer, Leased leased) {
        if (peer == null || peer.isLocal() || peer.leased().size() < maxPerPeer
                || (leased != null && peer.leased().contains(leased.id))) {
            return;
        }
        throw new OrbException(ErrorCode.RESOURCE_EXHAUSTED, Completion.NO, "cannot pass another object by "
                + "reference to " + peer.name() + ": it already holds references to " + peer.leased().size()
                + " objects this Orb exported for it (limit Orb.Builder.maxExportsPerPeer=" + maxPerPeer
                + "); have it release proxies it no longer needs (Orb.release), or raise the limit");
    }

    /** Held by the lock. */
    private void expireLaterIfUnleased(Leased leased) {
        if (!leased.counts.isEmpty()) {
            return;
        }
        long generation = ++leased.generation;
        timer.schedule(() -> expire(leased, generation), leaseNanos, TimeUnit.NANOSECONDS);
    }

    private void expire(Leased leased, long generation) {
        synchronized (this) {
            if (leased.generation != generation || !leased.counts.isEmpty() || byId.get(leased.id) != leased) {
                return; // leased again, or forgotten, since
            }
            byId.remove(leased.id);
            byServant.remove(leased.servant);
            exports.remove(leased.id);
        }
        log.debug("Orb '{}' unexported '{}' ({}): no reference to it is held any more", orbName, leased.id,
                leased.servant.getClass().getName());
        if (leased.servant instanceof Unreferenced unreferenced) {
            executor.execute(() -> {
                try {
                    unreferenced.unreferenced();
                } catch (RuntimeException e) {
                    log.warn("Orb '{}': unreferenced() of {} threw", orbName, leased.servant.getClass().getName(), e);
                }
            });
        }
    }

    /** One implicit export; guarded by the table's lock. */
    private static final class Leased {
        final String id;
        final Object servant;
        final Map<Peer, Integer> counts = new HashMap<>();
        long generation;

        Leased(String id, Object servant) {
            this.id = id;
            this.servant = servant;
        }
    }
}
