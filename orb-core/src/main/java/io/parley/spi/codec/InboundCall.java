package io.parley.spi.codec;

import io.parley.spi.MethodDescriptor;
import java.util.Map;

/**
 * A call decoded on the server.
 *
 * @param header        the message header (answers go back with the same sequence id and protocol)
 * @param service       the target's service name
 * @param objectId      the target's object id
 * @param method        the method, resolved through the {@link CallResolver}
 * @param arguments     the decoded arguments, one per parameter; absent primitives are zero, absent objects null
 * @param timeoutMicros the time the caller had left when it sent the call, or 0 when it sent none (standard
 *                      Thrift clients)
 * @param metadata      the metadata the caller sent (keys to {@code String} or {@code byte[]} values); empty when
 *                      none, always for standard Thrift clients
 * @param references    how objects passed by reference cross the connection the call came on: its arguments were
 *                      read with it, and its result is written with it
 */
public record InboundCall(MessageHeader header, String service, String objectId, MethodDescriptor method,
        Object[] arguments, long timeoutMicros, Map<String, Object> metadata, References references) {

    /** A call read outside any connection ({@link References#NONE}). */
    public InboundCall(MessageHeader header, String service, String objectId, MethodDescriptor method,
            Object[] arguments, long timeoutMicros, Map<String, Object> metadata) {
        this(header, service, objectId, method, arguments, timeoutMicros, metadata, References.NONE);
    }

    /** A call without metadata. */
    public InboundCall(MessageHeader header, String service, String objectId, MethodDescriptor method,
            Object[] arguments, long timeoutMicros) {
        this(header, service, objectId, method, arguments, timeoutMicros, Map.of());
    }

    /** Whether the caller expects no answer. */
    public boolean isOneway() {
        return header.type() == MessageType.ONEWAY;
    }
}
