package io.parley.internal;

import io.parley.CallContext;
import io.parley.Identity;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.PeerIdentity;
import io.parley.spi.MethodDescriptor;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The {@link CallContext} of one call on one side. Created only when interceptors run or a servant asks for it, so a
 * call without them pays nothing. The metadata received (or propagated) is shared until the first change, then
 * copied. Not thread-safe: one call, one thread at a time.
 */
public final class DefaultCallContext implements CallContext {
    private final Side side;
    private final MethodDescriptor method;
    private final String service;
    private final String objectId;
    private final Object peer;
    private final long deadlineNanos;
    private final boolean hasDeadline;
    private Map<String, Object> metadata;
    private boolean metadataOwned;
    private Set<String> propagated;
    private boolean propagateAll;
    private boolean terminalReached;
    private Identity identity;
    private volatile BooleanSupplier cancelled; // server: whether the caller cancelled the call; null on the client

    /**
     * @param peer     the other side: on the server the {@link Connection} the call came on, on the client the
     *                 reference; its address or {@code toString()} is taken only when asked
     * @param metadata the initial metadata; not modified (copied on the first change)
     */
    public DefaultCallContext(Side side, MethodDescriptor method, String service, String objectId, Object peer,
            long deadlineNanos, boolean hasDeadline, Map<String, Object> metadata) {
        this.side = side;
        this.method = method;
        this.service = service;
        this.objectId = objectId;
        this.peer = peer;
        this.deadlineNanos = deadlineNanos;
        this.hasDeadline = hasDeadline;
        this.metadata = metadata;
    }

    @Override
    public Side side() {
        return side;
    }

    @Override
    public MethodDescriptor method() {
        return method;
    }

    @Override
    public String service() {
        return service;
    }

    @Override
    public String objectId() {
        return objectId;
    }

    @Override
    public String peer() {
        return peer instanceof Connection connection ? connection.remoteAddress() : String.valueOf(peer);
    }

    /** What the transport verified about the caller's connection (server side); empty when nothing. */
    public Optional<PeerIdentity> transportIdentity() {
        return peer instanceof Connection connection ? connection.peerIdentity() : Optional.empty();
    }

    @Override
    public Optional<Identity> identity() {
        return Optional.ofNullable(identity);
    }

    /** Sets who makes the call, once authenticated (server side). */
    public void identity(Identity authenticated) {
        this.identity = authenticated;
    }

    @Override
    public Optional<Duration> timeRemaining() {
        return hasDeadline ? Optional.of(Duration.ofNanos(deadlineNanos - System.nanoTime())) : Optional.empty();
    }

    @Override
    public long deadlineNanos() {
        return deadlineNanos;
    }

    @Override
    public boolean isCancelled() {
        if (side != Side.SERVER) {
            return false;
        }
        return (cancelled != null && cancelled.getAsBoolean())
                || (hasDeadline && deadlineNanos - System.nanoTime() <= 0);
    }

    /** Server: where {@link #isCancelled()} learns whether the caller cancelled the call (thread-safe). */
    public void cancelledWhen(BooleanSupplier callerCancelled) {
        this.cancelled = callerCancelled;
    }

    @Override
    public Map<String, Object> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    /** The metadata as it is now, for the codec; never modified through this map. */
    public Map<String, Object> currentMetadata() {
        return metadata;
    }

    @Override
    public String get(String key) {
        return metadata.get(key) instanceof String value ? value : null;
    }

    @Override
    public byte[] getBytes(String key) {
        return metadata.get(key) instanceof byte[] value ? value : null;
    }

    @Override
    public CallContext put(String key, String value) {
        return set(key, Objects.requireNonNull(value, "value"));
    }

    @Override
    public CallContext put(String key, byte[] value) {
        return set(key, Objects.requireNonNull(value, "value"));
    }

    @Override
    public CallContext remove(String key) {
        if (metadata.containsKey(key)) {
            owned().remove(key);
        }
        return this;
    }

    @Override
    public CallContext propagate(String... keys) {
        if (propagated == null) {
            propagated = new HashSet<>();
        }
        propagated.addAll(List.of(keys));
        return this;
    }

    @Override
    public CallContext propagateAll() {
        propagateAll = true;
        return this;
    }

    /** Whether the chain reached its end: the call was sent (client) or the servant called (server). */
    public boolean terminalReached() {
        return terminalReached;
    }

    void markTerminalReached() {
        terminalReached = true;
    }

    /** The metadata to copy into the remote calls made while serving this call: the keys marked to propagate. */
    public Map<String, Object> propagatedMetadata() {
        if (propagateAll) {
            return metadata;
        }
        if (propagated == null) {
            return Map.of();
        }
        Map<String, Object> copied = new LinkedHashMap<>();
        for (String key : propagated) {
            Object value = metadata.get(key);
            if (value != null) {
                copied.put(key, value);
            }
        }
        return copied;
    }

    @Override
    public String toString() {
        return side + " call " + service + "." + method.name() + " of '" + objectId + "' (peer " + peer
                + ", metadata keys " + metadata.keySet() + ")";
    }

    private CallContext set(String key, Object value) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("metadata key: empty (expected: a non-empty string)");
        }
        owned().put(key, value);
        return this;
    }

    private Map<String, Object> owned() {
        if (!metadataOwned) {
            // Received or propagated maps are shared with the codec or another call: change a copy.
            metadata = new LinkedHashMap<>(metadata);
            metadataOwned = true;
        }
        return metadata;
    }
}
