package io.parley.idl.internal;

import io.parley.spi.ExceptionDescriptor;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.ParameterDescriptor;
import io.parley.spi.ValueType;
import io.parley.spi.codec.DecodedReply;
import io.parley.spi.codec.InboundCall;
import io.parley.spi.codec.MessageHeader;
import io.parley.spi.codec.MessageType;
import io.parley.spi.codec.OutboundCall;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TMap;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TType;

/**
 * Everything the codec needs to encode and decode the messages of one remote method, derived once from its
 * {@link MethodDescriptor}: the {@code method_args} struct (parameter ids), the {@code method_result} struct (field 0
 * the result, then the declared exceptions) and the call metadata field.
 */
public final class MethodCodec {
    private static final TField METADATA = new TField("parleyMetadata", TType.STRUCT, Wire.METADATA_FIELD_ID);
    private static final TField TIMEOUT = new TField("timeoutMicros", TType.I64, Wire.METADATA_TIMEOUT_ID);
    private static final TField STRINGS = new TField("strings", TType.MAP, Wire.METADATA_STRINGS_ID);
    private static final TField BINARIES = new TField("binaries", TType.MAP, Wire.METADATA_BINARIES_ID);

    private final MethodDescriptor method;
    private final StructFields args;
    private final ValueCodec result;
    private final TField success;
    private final DeclaredException[] exceptions;
    /** The name replies carry, in UTF-8. */
    private final byte[] replyName;
    /**
     * The name of the last call written, in UTF-8 ({@code null} before the first): a proxy calls one object, so it
     * is nearly always the next's.
     */
    private volatile CallName lastCallName;

    /** Builds the codec of {@code method} from the value codecs in {@code values}. */
    public MethodCodec(MethodDescriptor method, ValueCodecs values) {
        this.method = method;
        List<StructFields.Field> fields = new ArrayList<>();
        for (ParameterDescriptor parameter : method.parameters()) {
            fields.add(new StructFields.Field(parameter.id(), "parameter " + parameter.name(),
                    values.of(parameter.type())));
        }
        this.args = new StructFields(fields);
        ValueType resultType = method.result();
        this.result = resultType.kind() == ValueType.Kind.VOID ? null : values.of(resultType);
        this.success = result == null ? null : new TField("success", result.wireType(), Wire.SUCCESS_FIELD_ID);
        this.exceptions = new DeclaredException[method.exceptions().size()];
        for (int i = 0; i < exceptions.length; i++) {
            exceptions[i] = new DeclaredException(method.exceptions().get(i));
        }
        this.replyName = method.name().getBytes(StandardCharsets.UTF_8);
    }

    /** A call's message name in UTF-8, for the target it names. */
    private record CallName(String service, String objectId, byte[] utf8) {
        boolean names(String otherService, String otherObjectId) {
            return (service == otherService || service.equals(otherService))
                    && (objectId == otherObjectId || objectId.equals(otherObjectId));
        }
    }

    private byte[] callName(OutboundCall call) {
        if (call.messageName() != null) {
            return call.messageName().getBytes(StandardCharsets.UTF_8);
        }
        CallName last = lastCallName;
        if (last == null || !last.names(call.service(), call.objectId())) {
            last = new CallName(call.service(), call.objectId(),
                    MessageName.of(call.service(), call.objectId(), method.name()).getBytes(StandardCharsets.UTF_8));
            lastCallName = last;
        }
        return last.utf8();
    }

    /** The method. */
    public MethodDescriptor method() {
        return method;
    }

    /**
     * Writes the call message: CALL (or ONEWAY), the args struct and, with a deadline or metadata, the metadata
     * field {@code 32767: struct {1: i64 timeoutMicros, 2: map<string, string> strings, 3: map<string, binary>
     * binaries}}, each member left out when empty.
     */
    public void writeCall(WireWriter out, OutboundCall call) throws TException {
        Object[] arguments = call.arguments();
        if (arguments.length != args.size()) {
            throw new InvalidValueException(arguments.length + " arguments for " + args.size() + " parameters");
        }
        TProtocol protocol = out.protocol();
        MessageType type = method.isOneway() ? MessageType.ONEWAY : MessageType.CALL;
        out.writeMessageBegin(callName(call), (byte) type.wireValue(), call.sequenceId());
        protocol.writeStructBegin(WireWriter.ANONYMOUS);
        out.enter();
        for (int i = 0; i < arguments.length; i++) {
            args.write(out, i, arguments[i]);
        }
        if (call.timeoutMicros() > 0 || !call.metadata().isEmpty()) {
            writeMetadata(protocol, call.timeoutMicros(), call.metadata());
        }
        out.exit();
        protocol.writeFieldStop();
        protocol.writeStructEnd();
        protocol.writeMessageEnd();
    }

    /**
     * The name a call is sent with: its {@link OutboundCall#messageName()} when set (a plain Thrift server's
     * naming), else {@code Service#objectId:method}.
     */
    public static String messageName(OutboundCall call) {
        String verbatim = call.messageName();
        return verbatim != null ? verbatim : MessageName.of(call.service(), call.objectId(), call.method().name());
    }

    /** Reads the args struct of a call whose header and name were read. */
    public InboundCall readCall(WireReader in, MessageHeader header, MessageName name) {
        Object[] values = args.absentValues();
        long timeoutMicros = 0;
        Map<String, Object> metadata = Map.of();
        in.structBegin();
        byte type;
        while ((type = in.readFieldBegin()) != TType.STOP) {
            if (args.read(in, type, values)) {
                continue;
            }
            if (in.fieldId() != Wire.METADATA_FIELD_ID || type != TType.STRUCT) {
                in.skip(type);
                continue;
            }
            // The metadata struct, read inline: a holder object for its two parts would cost an allocation per call.
            in.structBegin();
            byte member;
            while ((member = in.readFieldBegin()) != TType.STOP) {
                short id = in.fieldId();
                if (id == Wire.METADATA_TIMEOUT_ID && member == TType.I64) {
                    timeoutMicros = Math.max(0, in.readI64());
                } else if ((id == Wire.METADATA_STRINGS_ID || id == Wire.METADATA_BINARIES_ID)
                        && member == TType.MAP) {
                    metadata = readMetadataEntries(in, id == Wire.METADATA_BINARIES_ID, metadata);
                } else {
                    in.skip(member);
                }
            }
            in.structEnd();
        }
        in.structEnd();
        return new InboundCall(header, name.service(), name.objectId(), method, values, timeoutMicros, metadata,
                in.references());
    }

    /** Writes a REPLY carrying {@code value} in field 0 (left out when absent: null, void, empty Optional). */
    public void writeResult(WireWriter out, int sequenceId, Object value) throws TException {
        TProtocol protocol = out.protocol();
        out.writeMessageBegin(replyName, (byte) MessageType.REPLY.wireValue(), sequenceId);
        protocol.writeStructBegin(WireWriter.ANONYMOUS);
        if (result != null && !result.isAbsent(value)) {
            out.enter();
            try {
                protocol.writeFieldBegin(success);
                result.write(out, value);
                protocol.writeFieldEnd();
            } catch (InvalidValueException e) {
                throw e.within("result");
            } catch (ClassCastException e) {
                throw new InvalidValueException("a " + value.getClass().getName() + " where the result type is "
                        + method.result(), e);
            }
            out.exit();
        }
        protocol.writeFieldStop();
        protocol.writeStructEnd();
        protocol.writeMessageEnd();
    }

    /** Writes a REPLY carrying a declared exception in its result field. */
    public void writeDeclared(WireWriter out, int sequenceId, ExceptionDescriptor declared, Throwable exception)
            throws TException {
        TProtocol protocol = out.protocol();
        out.writeMessageBegin(replyName, (byte) MessageType.REPLY.wireValue(), sequenceId);
        protocol.writeStructBegin(WireWriter.ANONYMOUS);
        declared(declared.id()).write(protocol, exception);
        protocol.writeFieldStop();
        protocol.writeStructEnd();
        protocol.writeMessageEnd();
    }

    /** Reads the result struct of a REPLY: the value, or the declared exception. */
    public DecodedReply readReply(WireReader in, int sequenceId) {
        Object value = result == null ? null : result.absent();
        Throwable failure = null;
        in.structBegin();
        byte type;
        while ((type = in.readFieldBegin()) != TType.STOP) {
            short id = in.fieldId();
            DeclaredException declared;
            if (id == Wire.SUCCESS_FIELD_ID && result != null && type == result.wireType()) {
                value = readResultValue(in);
            } else if (type == TType.STRUCT && (declared = declaredOrNull(id)) != null) {
                failure = declared.read(in);
            } else {
                in.skip(type);
            }
        }
        in.structEnd();
        return failure != null ? new DecodedReply(sequenceId, null, failure) : new DecodedReply(sequenceId, value, null);
    }

    private Object readResultValue(WireReader in) {
        try {
            return result.read(in);
        } catch (InvalidValueException e) {
            throw e.within("result");
        }
    }

    private DeclaredException declared(int id) {
        DeclaredException declared = declaredOrNull(id);
        if (declared == null) {
            throw new IllegalArgumentException("no declared exception with id " + id + " on " + method);
        }
        return declared;
    }

    private DeclaredException declaredOrNull(int id) {
        for (DeclaredException declared : exceptions) {
            if (declared.descriptor().id() == id) {
                return declared;
            }
        }
        return null;
    }

    private static void writeMetadata(TProtocol protocol, long timeoutMicros, Map<String, Object> metadata)
            throws TException {
        protocol.writeFieldBegin(METADATA);
        protocol.writeStructBegin(WireWriter.ANONYMOUS);
        if (timeoutMicros > 0) {
            protocol.writeFieldBegin(TIMEOUT);
            protocol.writeI64(timeoutMicros);
            protocol.writeFieldEnd();
        }
        if (!metadata.isEmpty()) {
            writeMetadataEntries(protocol, STRINGS, metadata, false);
            writeMetadataEntries(protocol, BINARIES, metadata, true);
        }
        protocol.writeFieldStop();
        protocol.writeStructEnd();
        protocol.writeFieldEnd();
    }

    /**
     * Writes the string (or binary) entries of {@code metadata} as one map field, or nothing when there are none.
     * Two maps rather than one {@code map<string, binary>} so that a value arrives with the type it was sent with.
     */
    private static void writeMetadataEntries(TProtocol protocol, TField field, Map<String, Object> metadata,
            boolean binary) throws TException {
        int count = 0;
        for (Object value : metadata.values()) {
            if (isBinaryMetadata(value) == binary) {
                count++;
            }
        }
        if (count == 0) {
            return;
        }
        protocol.writeFieldBegin(field);
        protocol.writeMapBegin(new TMap(TType.STRING, TType.STRING, count));
        for (Map.Entry<String, Object> entry : metadata.entrySet()) {
            Object value = entry.getValue();
            if (isBinaryMetadata(value) != binary) {
                continue;
            }
            protocol.writeString(entry.getKey());
            if (binary) {
                protocol.writeBinary(ByteBuffer.wrap((byte[]) value));
            } else {
                protocol.writeString((String) value);
            }
        }
        protocol.writeMapEnd();
        protocol.writeFieldEnd();
    }

    private static boolean isBinaryMetadata(Object value) {
        if (value instanceof byte[]) {
            return true;
        }
        if (value instanceof String) {
            return false;
        }
        throw new InvalidValueException("a metadata value of type " + (value == null ? "null"
                : value.getClass().getName()) + " (expected: String or byte[])");
    }

    /** Reads one metadata map into {@code into} (a new map when it is the empty one); odd entry types are skipped. */
    private static Map<String, Object> readMetadataEntries(WireReader in, boolean binary, Map<String, Object> into) {
        int count = in.readMapBegin();
        byte keyType = in.elementType();
        byte valueType = in.valueType();
        Map<String, Object> result = into;
        for (int i = 0; i < count; i++) {
            if (keyType != TType.STRING || valueType != TType.STRING) {
                in.skip(keyType);
                in.skip(valueType);
                continue;
            }
            String key = in.readString();
            Object value = binary ? in.readBinary() : in.readString();
            if (!(result instanceof HashMap)) {
                // The first entry: the shared empty map (or none) becomes the call's own.
                result = new HashMap<>(result);
            }
            result.put(key, value);
        }
        in.containerEnd();
        return result;
    }
}
