package io.parley.idl;

import io.parley.ErrorCode;
import io.parley.OrbException;
import io.parley.idl.internal.ErrorMapping;
import io.parley.idl.internal.InvalidValueException;
import io.parley.idl.internal.MalformedMessageException;
import io.parley.idl.internal.ReferenceRefusedException;
import io.parley.idl.internal.MessageName;
import io.parley.idl.internal.MethodCodec;
import io.parley.idl.internal.ValueCodecs;
import io.parley.idl.internal.Wire;
import io.parley.idl.internal.WireReader;
import io.parley.idl.internal.WireWriter;
import io.parley.spi.ExceptionDescriptor;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.codec.CallResolver;
import io.parley.spi.codec.Codec;
import io.parley.spi.codec.CodecException;
import io.parley.spi.codec.CodecSettings;
import io.parley.spi.codec.DecodedReply;
import io.parley.spi.codec.InboundCall;
import io.parley.spi.codec.MessageHeader;
import io.parley.spi.codec.MessageType;
import io.parley.spi.codec.OutboundCall;
import io.parley.spi.codec.References;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.apache.thrift.TException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parley's calls as standard Apache Thrift messages, so that a plain Thrift client in any language can call an
 * exported object (see {@code docs/types.md} for the type mapping, ids, evolution and error rules).
 *
 * <ul>
 * <li>Calls are written in the compact protocol, or in strict binary when {@link OutboundCall#protocol()} says
 *     {@value #BINARY_NAME}; calls are read in compact or strict binary (told apart by the first
 *     byte), and every answer goes back in the protocol of its request.</li>
 * <li>A call is named {@code Service#objectId:method}, what {@code TMultiplexedProtocol} sends for the service name
 *     {@code Service#objectId}; replies carry the bare method name. A call with an
 *     {@link OutboundCall#messageName()} (to a plain Thrift server: {@code method} or {@code Service:method}) is
 *     named that instead.</li>
 * <li>Arguments are the {@code method_args} struct, results the {@code method_result} struct (field 0, or a declared
 *     exception's field), failures a {@code TApplicationException} with Parley's code and completion in fields that
 *     standard readers skip. The caller's deadline and metadata travel in args field 32767, equally
 *     invisible: {@code struct {1: i64 timeoutMicros, 2: map<string, string>, 3: map<string, binary>}}.</li>
 * <li>Every length, count and nesting level read is checked against the {@link CodecSettings} and the bytes left in
 *     the frame before anything is allocated; bad input fails with a {@link CodecException}, never a raw runtime
 *     exception.</li>
 * </ul>
 *
 * <p>Thread-safe. Per-method codecs are built once per {@link MethodDescriptor} and cached; encoding writes into a
 * per-thread buffer, valid until the thread's next encode.
 */
public final class ThriftCodec implements Codec {
    /** {@link MessageHeader#protocol()} of a compact-protocol message (its first byte). */
    public static final int COMPACT = Wire.COMPACT;
    /** {@link MessageHeader#protocol()} of a strict binary-protocol message (its first byte). */
    public static final int BINARY = Wire.BINARY;
    /** {@link OutboundCall#protocol()} naming the compact protocol, the default. */
    public static final String COMPACT_NAME = "compact";
    /** {@link OutboundCall#protocol()} naming the strict binary protocol ({@code TBinaryProtocol}). */
    public static final String BINARY_NAME = "binary";

    private static final Logger log = LoggerFactory.getLogger(ThriftCodec.class);

    private final CodecSettings settings;
    private final ValueCodecs values = new ValueCodecs();
    private final Map<MethodDescriptor, MethodCodec> methods = new ConcurrentHashMap<>();

    /** A codec with those limits. */
    public ThriftCodec(CodecSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** A codec with {@link CodecSettings#defaults()}. */
    public ThriftCodec() {
        this(CodecSettings.defaults());
    }

    @Override
    public String name() {
        return "thrift";
    }

    /** The limits this codec reads with. */
    public CodecSettings settings() {
        return settings;
    }

    @Override
    public ByteBuffer encodeCall(OutboundCall call) {
        MethodCodec codec = codec(call.method());
        int protocol = protocolOf(call);
        WireWriter out = WireWriter.begin(protocol, settings.maxDepth(), call.references());
        try {
            codec.writeCall(out, call);
            return out.end();
        } catch (TException | RuntimeException e) {
            out.abandon();
            MessageType type = call.method().isOneway() ? MessageType.ONEWAY : MessageType.CALL;
            MessageHeader header = new MessageHeader(MethodCodec.messageName(call), type, call.sequenceId(),
                    protocol);
            throw encodeFailure(call.method(), header, e);
        }
    }

    @Override
    public InboundCall decodeCall(ByteBuffer frame, CallResolver resolver) {
        return decodeCall(frame, resolver, References.NONE);
    }

    @Override
    public InboundCall decodeCall(ByteBuffer frame, CallResolver resolver, References references) {
        MessageHeader header = null;
        MethodDescriptor method = null;
        try {
            WireReader in = WireReader.of(frame, settings).references(references);
            header = in.readMessageBegin();
            if (header.type() != MessageType.CALL && header.type() != MessageType.ONEWAY) {
                throw new MalformedMessageException("expected a CALL or ONEWAY message but got " + header.type()
                        + " '" + header.name() + "'");
            }
            MessageName name = MessageName.parse(header);
            method = resolve(resolver, name, header);
            return codec(method).readCall(in, header, name);
        } catch (RuntimeException | StackOverflowError e) {
            throw decodeFailure(method == null ? null : method.toString(), header, e);
        }
    }

    @Override
    public DecodedReply decodeReply(ByteBuffer frame, IntFunction<MethodDescriptor> pending) {
        return decodeReply(frame, pending, References.NONE);
    }

    @Override
    public DecodedReply decodeReply(ByteBuffer frame, IntFunction<MethodDescriptor> pending,
            References references) {
        MessageHeader header = null;
        MethodDescriptor method = null;
        try {
            WireReader in = WireReader.of(frame, settings).references(references);
            header = in.readMessageBegin();
            if (header.type() != MessageType.REPLY && header.type() != MessageType.EXCEPTION) {
                throw new MalformedMessageException("expected a REPLY or EXCEPTION message but got "
                        + header.type() + " '" + header.name() + "'");
            }
            method = pending.apply(header.sequenceId());
            if (method == null) {
                return new DecodedReply(header.sequenceId(), null, null);
            }
            if (header.type() == MessageType.EXCEPTION) {
                String where = method.toString();
                return new DecodedReply(header.sequenceId(), null, ErrorMapping.read(in, where));
            }
            if (!header.name().equals(method.name())) {
                throw new MalformedMessageException("reply " + header.sequenceId() + " is named '" + header.name()
                        + "' but answers a call of " + method.name());
            }
            return codec(method).readReply(in, header.sequenceId());
        } catch (RuntimeException | StackOverflowError e) {
            throw decodeFailure(method == null ? null : method.toString(), header, e);
        }
    }

    @Override
    public ByteBuffer encodeResult(InboundCall call, Object result) {
        MessageHeader header = call.header();
        WireWriter out = WireWriter.begin(header.protocol(), settings.maxDepth(), call.references());
        try {
            codec(call.method()).writeResult(out, header.sequenceId(), result);
            return out.end();
        } catch (TException | RuntimeException e) {
            out.abandon();
            throw encodeFailure(call.method(), header, e);
        }
    }

    @Override
    public ByteBuffer encodeDeclaredException(InboundCall call, ExceptionDescriptor declared, Throwable exception) {
        MessageHeader header = call.header();
        WireWriter out = WireWriter.begin(header.protocol(), settings.maxDepth());
        try {
            codec(call.method()).writeDeclared(out, header.sequenceId(), declared, exception);
            return out.end();
        } catch (TException | RuntimeException e) {
            out.abandon();
            throw encodeFailure(call.method(), header, e);
        }
    }

    @Override
    public ByteBuffer encodeError(MessageHeader request, OrbException error) {
        WireWriter out = WireWriter.begin(request.protocol(), settings.maxDepth());
        try {
            out.protocol().writeMessageBegin(new org.apache.thrift.protocol.TMessage(
                    MessageName.methodOf(request.name()), (byte) MessageType.EXCEPTION.wireValue(),
                    request.sequenceId()));
            ErrorMapping.write(out.protocol(), error);
            out.protocol().writeMessageEnd();
            return out.end();
        } catch (TException | RuntimeException e) {
            out.abandon();
            throw new CodecException(ErrorCode.INTERNAL, "could not encode the error reply to '" + request.name()
                    + "': " + e, request, e);
        }
    }

    /**
     * The message type from the header's first bytes: compact {@code 0x82, (type << 5) | version}, strict binary
     * {@code 0x80 0x01 0x00 type}.
     */
    @Override
    public MessageType messageType(ByteBuffer frame) {
        int at = frame.position();
        int left = frame.remaining();
        if (left >= 2 && (frame.get(at) & 0xff) == Wire.COMPACT) {
            return MessageType.ofWireValue((frame.get(at + 1) & 0xff) >>> 5);
        }
        if (left >= 4 && (frame.get(at) & 0xff) == Wire.BINARY) {
            return MessageType.ofWireValue(frame.get(at + 3) & 0x07);
        }
        return null;
    }

    /**
     * The protocol to write a call in: {@link OutboundCall#protocol()} {@value #BINARY_NAME} or
     * {@value #COMPACT_NAME}, compact when unset.
     *
     * @throws CodecException (INVALID_CONFIGURATION) for another name; nothing is sent
     */
    private static int protocolOf(OutboundCall call) {
        String name = call.protocol();
        if (name == null || name.equals(COMPACT_NAME)) {
            return COMPACT;
        }
        if (name.equals(BINARY_NAME)) {
            return BINARY;
        }
        throw new CodecException(ErrorCode.INVALID_CONFIGURATION, "unknown Thrift protocol '" + name + "' for "
                + call.method() + ": expected " + COMPACT_NAME + " or " + BINARY_NAME, null, null);
    }

    private MethodCodec codec(MethodDescriptor method) {
        MethodCodec codec = methods.get(method);
        if (codec == null) {
            // computeIfAbsent is not used: building may take the value-codec lock, and should not hold a map bin.
            codec = new MethodCodec(method, values);
            MethodCodec raced = methods.putIfAbsent(method, codec);
            if (raced != null) {
                codec = raced;
            }
        }
        return codec;
    }

    private static MethodDescriptor resolve(CallResolver resolver, MessageName name, MessageHeader header) {
        MethodDescriptor method;
        try {
            method = resolver.resolve(name.service(), name.objectId(), name.method());
        } catch (CodecException e) {
            throw e;
        } catch (OrbException e) {
            // ObjectNotFoundException and MethodNotFoundException, as documented; any other code is kept too.
            throw new CodecException(e.code(), e.getMessage(), header, e);
        } catch (RuntimeException e) {
            throw new CodecException(ErrorCode.INTERNAL, "resolving " + name.service() + "#" + name.objectId()
                    + ":" + name.method() + " failed: " + e, header, e);
        }
        if (method == null) {
            throw new CodecException(ErrorCode.METHOD_NOT_FOUND, "no method " + name.method() + " on object '"
                    + name.objectId() + "' of service " + name.service(), header, null);
        }
        return method;
    }

    private static CodecException encodeFailure(MethodDescriptor method, MessageHeader header, Throwable e) {
        if (e instanceof CodecException codecException) {
            return codecException;
        }
        if (e instanceof ReferenceRefusedException refused) {
            return new CodecException(refused.code(), method + ": cannot pass a reference: " + e.getMessage(), header,
                    e.getCause());
        }
        if (e instanceof InvalidValueException || e instanceof ClassCastException) {
            return new CodecException(ErrorCode.INVALID_DATA, method + ": cannot encode " + e.getMessage(), header,
                    e);
        }
        return new CodecException(ErrorCode.INTERNAL, method + ": encoding failed: " + e, header, e);
    }

    private static CodecException decodeFailure(String where, MessageHeader header, Throwable e) {
        String prefix = (where != null ? where : header != null ? "'" + header.name() + "'" : "message") + ": ";
        if (e instanceof CodecException codecException) {
            return codecException;
        }
        if (e instanceof ReferenceRefusedException refused) {
            return new CodecException(refused.code(), prefix + "cannot receive a reference: " + e.getMessage(),
                    header, e.getCause());
        }
        if (e instanceof MalformedMessageException) {
            return new CodecException(ErrorCode.PROTOCOL_ERROR, prefix + e.getMessage(), header, e);
        }
        if (e instanceof InvalidValueException) {
            return new CodecException(ErrorCode.INVALID_DATA, prefix + "cannot decode " + e.getMessage(), header, e);
        }
        if (e instanceof BufferUnderflowException) {
            return new CodecException(ErrorCode.PROTOCOL_ERROR, prefix + "the frame ends in the middle of a value "
                    + "(truncated message)", header, e);
        }
        if (e instanceof StackOverflowError) {
            return new CodecException(ErrorCode.PROTOCOL_ERROR, prefix + "nesting too deep for the thread's stack; "
                    + "lower CodecSettings.maxDepth", header, null);
        }
        log.debug("Unexpected failure decoding {}", prefix, e);
        return new CodecException(ErrorCode.PROTOCOL_ERROR, prefix + "unreadable message: " + e, header, e);
    }
}
