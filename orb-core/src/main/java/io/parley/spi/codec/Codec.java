package io.parley.spi.codec;

import io.parley.OrbException;
import io.parley.spi.ExceptionDescriptor;
import io.parley.spi.MethodDescriptor;
import java.nio.ByteBuffer;
import java.util.function.IntFunction;

/**
 * Turns calls and their outcomes into frames and back. The codec sits above the transport, so every transport
 * carries the same bytes.
 *
 * <p>Buffers returned by the {@code encode} methods belong to the codec and stay valid until the next encode on the
 * same thread; callers hand them to {@link io.parley.spi.transport.Connection#send} at once. A codec is thread-safe
 * and keeps whatever it derives from method descriptors (per-method encoders) cached.
 */
public interface Codec {

    /** The codec's name, for logs. */
    String name();

    /** Client: the frame of a call. Throws {@link CodecException} (INVALID_DATA) for an unencodable argument. */
    ByteBuffer encodeCall(OutboundCall call);

    /**
     * Client: reads a reply. {@code pending} gives the method of the call in flight with a sequence id, or
     * {@code null} when there is none (a late reply after a timeout); then the reply is returned with neither
     * value nor failure, unread beyond its header.
     *
     * @throws CodecException when the frame is not a readable reply
     */
    DecodedReply decodeReply(ByteBuffer frame, IntFunction<MethodDescriptor> pending);

    /**
     * Client: reads a reply whose result may hold references, read through {@code references} (those of the
     * connection it came on). The default ignores them: for codecs without references.
     */
    default DecodedReply decodeReply(ByteBuffer frame, IntFunction<MethodDescriptor> pending,
            References references) {
        return decodeReply(frame, pending);
    }

    /**
     * Server: reads a call, resolving its target through {@code resolver} before reading the arguments.
     *
     * @throws CodecException for an unreadable message, or wrapping the resolver's not-found errors, with the
     *                        header whenever it was read
     */
    InboundCall decodeCall(ByteBuffer frame, CallResolver resolver);

    /**
     * Server: reads a call whose arguments may hold references, read through {@code references} (those of the
     * connection it came on), which the returned call keeps for its answer. The default ignores them.
     */
    default InboundCall decodeCall(ByteBuffer frame, CallResolver resolver, References references) {
        return decodeCall(frame, resolver);
    }

    /**
     * The type of the message in {@code frame}, read from its first bytes without decoding it or moving its position,
     * or {@code null} when they are not a message header this codec knows. Core uses it on every connection, which
     * carries calls both ways (callbacks go back over the caller's connection), to tell calls from replies.
     */
    default MessageType messageType(ByteBuffer frame) {
        return null;
    }

    /**
     * Server: the reply frame carrying a method's result ({@code null} for void); references in it are written
     * through {@link InboundCall#references()}.
     */
    ByteBuffer encodeResult(InboundCall call, Object result);

    /** Server: the reply frame carrying a declared exception. */
    ByteBuffer encodeDeclaredException(InboundCall call, ExceptionDescriptor declared, Throwable exception);

    /**
     * Server: the frame reporting a failure to the caller: a Thrift {@code TApplicationException} that also carries
     * Parley's error code and completion for Parley clients.
     */
    ByteBuffer encodeError(MessageHeader request, OrbException error);
}
