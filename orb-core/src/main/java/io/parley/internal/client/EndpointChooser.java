package io.parley.internal.client;

import io.parley.Endpoint;
import io.parley.UnavailableException;
import io.parley.spi.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses which of a reference's endpoints a client tries, in which order, and with which transport: a shared-memory
 * endpoint of this host first (its host identity equals the one of this Orb's shared-memory transport), then the
 * others (TCP) in the reference's order. Shared-memory endpoints of other hosts are never tried.
 *
 * <p>When a shared-memory endpoint cannot be connected (no usable directory, permission, the peer refuses), the
 * client falls back to TCP, logs one line saying why, and leaves that endpoint out for {@link #RETRY_AFTER_NANOS},
 * so that neither every call pays for the failed attempt nor the log fills up. When this process cannot use shared
 * memory at all, that is logged once and every call goes over TCP.
 *
 * <p>Thread-safe.
 */
public final class EndpointChooser {
    /** How long a shared-memory endpoint that failed is left out before it is tried again. */
    static final long RETRY_AFTER_NANOS = TimeUnit.SECONDS.toNanos(30);

    private static final Logger log = LoggerFactory.getLogger(EndpointChooser.class);

    private final Transport tcp;
    private final Transport shm;
    private final String orbName;
    private final ConcurrentMap<Endpoint, Long> failedUntil = new ConcurrentHashMap<>();
    private volatile Optional<String> localHost; // null until first needed: computing it touches the file system

    /**
     * @param tcp     the transport of every endpoint that is not shared memory
     * @param shm     the shared-memory transport, or {@code null} when shared memory is disabled or absent
     * @param orbName for log lines
     */
    public EndpointChooser(Transport tcp, Transport shm, String orbName) {
        this.tcp = tcp;
        this.shm = shm;
        this.orbName = orbName;
        this.localHost = shm == null ? Optional.empty() : null;
    }

    /** A chooser that never uses shared memory. */
    public static EndpointChooser tcpOnly(Transport tcp) {
        return new EndpointChooser(tcp, null, "parley");
    }

    /**
     * The endpoints to try, in order: the rule of {@link #preferred} then {@link #fallback}, as a list. Returns
     * {@code endpoints} itself when it has no shared-memory endpoint. {@code ClientCalls} walks the same two passes
     * without building the list, since it runs on every call.
     */
    List<Endpoint> order(List<Endpoint> endpoints) {
        boolean anyShm = false;
        for (Endpoint endpoint : endpoints) {
            anyShm |= isShm(endpoint);
        }
        if (!anyShm) {
            return endpoints;
        }
        List<Endpoint> ordered = new ArrayList<>(endpoints.size());
        for (Endpoint endpoint : endpoints) {
            if (preferred(endpoint)) {
                ordered.add(endpoint);
            }
        }
        for (Endpoint endpoint : endpoints) {
            if (fallback(endpoint)) {
                ordered.add(endpoint);
            }
        }
        return ordered;
    }

    /** Tried first: a shared-memory endpoint of this host that has not failed lately. */
    boolean preferred(Endpoint endpoint) {
        return isShm(endpoint) && reachable(endpoint);
    }

    /** Tried after the preferred ones, in the reference's order: every endpoint that is not shared memory. */
    boolean fallback(Endpoint endpoint) {
        return !isShm(endpoint);
    }

    /** The transport that connects to {@code endpoint}. */
    Transport transportFor(Endpoint endpoint) {
        return isShm(endpoint) && shm != null ? shm : tcp;
    }

    /**
     * Records that connecting to {@code endpoint} failed. A shared-memory endpoint is left out for a while, and the
     * first failure in that time is logged (the caller goes on with TCP).
     */
    void failed(Endpoint endpoint, UnavailableException failure) {
        if (!isShm(endpoint)) {
            return;
        }
        long now = System.nanoTime();
        Long previous = failedUntil.put(endpoint, now + RETRY_AFTER_NANOS);
        if (previous == null || previous - now <= 0) {
            log.warn("Orb '{}' cannot reach {} through shared memory ({}); calling over TCP for the next {} s",
                    orbName, endpoint, failure.getMessage(), TimeUnit.NANOSECONDS.toSeconds(RETRY_AFTER_NANOS));
        }
    }

    /** Whether {@code endpoint} is on this host's shared memory and has not failed lately. */
    private boolean reachable(Endpoint endpoint) {
        Optional<String> host = localHost();
        if (host.isEmpty() || !host.get().equals(endpoint.host())) {
            return false;
        }
        Long until = failedUntil.get(endpoint);
        if (until == null) {
            return true;
        }
        if (until - System.nanoTime() > 0) {
            return false;
        }
        failedUntil.remove(endpoint, until);
        return true;
    }

    private Optional<String> localHost() {
        Optional<String> host = localHost;
        if (host == null) {
            synchronized (this) {
                host = localHost;
                if (host == null) {
                    host = hostIdentity();
                    localHost = host;
                }
            }
        }
        return host;
    }

    private Optional<String> hostIdentity() {
        try {
            return shm.hostIdentity();
        } catch (UnavailableException e) {
            log.warn("Orb '{}' calls over TCP only: shared memory is unusable in this process ({})", orbName,
                    e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean isShm(Endpoint endpoint) {
        return Endpoint.SHM.equals(endpoint.transport());
    }
}
