package io.parley.idl.internal;

/**
 * The bytes are not a well-formed Thrift message, or break a limit of the codec settings. Becomes a
 * {@link io.parley.spi.codec.CodecException} with code {@code PROTOCOL_ERROR} at the codec's boundary, where the
 * message header (when it was read) is attached.
 */
public final class MalformedMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        // No stack trace: malformed input is expected from the network and is reported by its message alone.
        super(message, null, false, false);
    }
}
