package io.parley.spi.codec;

import io.parley.spi.MethodDescriptor;
import java.util.Map;

/**
 * A call to encode on the client.
 *
 * @param sequenceId    the correlation id, unique among the connection's calls in flight
 * @param service       the target's service name
 * @param objectId      the target's object id
 * @param method        the method called
 * @param arguments     the arguments, one per parameter (never null; empty for none)
 * @param timeoutMicros the time left until the call's deadline, carried to the server; 0 when there is none
 * @param metadata      the call's metadata ({@link io.parley.CallContext}): keys to {@code String} or {@code byte[]}
 *                      values, carried to the server so that standard peers do not see it; empty for none
 */
public record OutboundCall(int sequenceId, String service, String objectId, MethodDescriptor method,
        Object[] arguments, long timeoutMicros, Map<String, Object> metadata) {

    /** A call without metadata. */
    public OutboundCall(int sequenceId, String service, String objectId, MethodDescriptor method, Object[] arguments,
            long timeoutMicros) {
        this(sequenceId, service, objectId, method, arguments, timeoutMicros, Map.of());
    }
}
