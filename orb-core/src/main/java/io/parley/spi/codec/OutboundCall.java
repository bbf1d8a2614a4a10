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
 * @param messageName   the message name to write verbatim, for servers that are not Parley Orbs (a plain Thrift
 *                      server wants {@code method} or {@code Service:method}); {@code null} for the codec's own
 *                      naming of {@code service}, {@code objectId} and method
 * @param protocol      the codec's name of the wire protocol to write (the Thrift codec knows {@code "compact"}
 *                      and {@code "binary"}); {@code null} for the codec's default
 * @param references    how objects passed by reference in the arguments cross the connection the call goes over
 */
public record OutboundCall(int sequenceId, String service, String objectId, MethodDescriptor method,
        Object[] arguments, long timeoutMicros, Map<String, Object> metadata, String messageName, String protocol,
        References references) {

    /** A call whose arguments hold no references ({@link References#NONE}). */
    public OutboundCall(int sequenceId, String service, String objectId, MethodDescriptor method, Object[] arguments,
            long timeoutMicros, Map<String, Object> metadata, String messageName, String protocol) {
        this(sequenceId, service, objectId, method, arguments, timeoutMicros, metadata, messageName, protocol,
                References.NONE);
    }

    /** A call to a Parley object, named and encoded as the codec does by default. */
    public OutboundCall(int sequenceId, String service, String objectId, MethodDescriptor method, Object[] arguments,
            long timeoutMicros, Map<String, Object> metadata) {
        this(sequenceId, service, objectId, method, arguments, timeoutMicros, metadata, null, null);
    }

    /** A call without metadata. */
    public OutboundCall(int sequenceId, String service, String objectId, MethodDescriptor method, Object[] arguments,
            long timeoutMicros) {
        this(sequenceId, service, objectId, method, arguments, timeoutMicros, Map.of());
    }
}
