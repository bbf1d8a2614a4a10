package io.parley.idl.internal;

import io.parley.ErrorCode;
import io.parley.spi.codec.CodecException;
import io.parley.spi.codec.MessageHeader;

/**
 * The name of a call on the wire, {@code Service#objectId:method}: exactly what a standard Thrift
 * {@code TMultiplexedProtocol} client sends for the service name {@code Service#objectId}, so any language can call
 * any exported object.
 *
 * <p>Parsing splits at the first {@code '#'} and the last {@code ':'}. Service names, object ids and method names
 * contain neither character, so for every valid name both choices agree; these two are the ones that still read a
 * sensible service and method out of a name whose object id breaks that rule.
 *
 * @param service  the service name
 * @param objectId the object id
 * @param method   the method name
 */
public record MessageName(String service, String objectId, String method) {
    /**
     * Names parsed recently, direct-mapped by their hash and shared by all threads, so that a server does not split
     * the same name into three new Strings for every call. Entries are immutable, so racy reads are safe; only
     * valid names are kept; bounded at 64 entries of at most 256 characters.
     */
    private static final Parsed[] PARSED = new Parsed[64];
    private static final int MAX_CACHED_NAME_CHARS = 256;

    /** The wire name of a call. */
    public static String of(String service, String objectId, String method) {
        return service + '#' + objectId + ':' + method;
    }

    /**
     * The parts of a call's name.
     *
     * @throws CodecException METHOD_NOT_FOUND when the name has no {@code :method}, OBJECT_NOT_FOUND when it has
     *                        no {@code #objectId}; both carry the header, so the caller gets an answer
     */
    public static MessageName parse(MessageHeader header) {
        String name = header.name();
        // The reader returns the same String for a name it read recently, so the identity check of equals hits.
        int hash = name.hashCode();
        int slot = (hash ^ (hash >>> 16)) & (PARSED.length - 1);
        Parsed cached = PARSED[slot];
        if (cached != null && cached.name.equals(name)) {
            return cached.parts;
        }
        MessageName parts = split(header, name);
        if (name.length() <= MAX_CACHED_NAME_CHARS) {
            PARSED[slot] = new Parsed(name, parts);
        }
        return parts;
    }

    private static MessageName split(MessageHeader header, String name) {
        int colon = name.lastIndexOf(':');
        if (colon < 0 || colon == name.length() - 1) {
            throw new CodecException(ErrorCode.METHOD_NOT_FOUND, "message name '" + name + "' names no method: "
                    + "expected Service#objectId:method (a TMultiplexedProtocol client with service name "
                    + "Service#objectId)", header, null);
        }
        int hash = name.indexOf('#');
        if (hash <= 0 || hash > colon - 2) {
            throw new CodecException(ErrorCode.OBJECT_NOT_FOUND, "message name '" + name + "' names no object: "
                    + "expected Service#objectId:method (a TMultiplexedProtocol client with service name "
                    + "Service#objectId)", header, null);
        }
        return new MessageName(name.substring(0, hash), name.substring(hash + 1, colon), name.substring(colon + 1));
    }

    /** The bare method name of a message name: what follows the last {@code ':'}, which replies carry. */
    public static String methodOf(String name) {
        return name.substring(name.lastIndexOf(':') + 1);
    }

    private record Parsed(String name, MessageName parts) {
    }
}
