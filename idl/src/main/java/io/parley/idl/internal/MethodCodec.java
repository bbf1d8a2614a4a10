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
import java.util.ArrayList;
import java.util.List;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TMessage;
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

    private final MethodDescriptor method;
    private final StructFields args;
    private final ValueCodec result;
    private final TField success;
    private final DeclaredException[] exceptions;

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
    }

    /** The method. */
    public MethodDescriptor method() {
        return method;
    }

    /** Writes the call message: CALL (or ONEWAY), the args struct and, with a deadline, the metadata field. */
    public void writeCall(WireWriter out, OutboundCall call) throws TException {
        Object[] arguments = call.arguments();
        if (arguments.length != args.size()) {
            throw new InvalidValueException(arguments.length + " arguments for " + args.size() + " parameters");
        }
        TProtocol protocol = out.protocol();
        MessageType type = method.isOneway() ? MessageType.ONEWAY : MessageType.CALL;
        protocol.writeMessageBegin(new TMessage(MessageName.of(call.service(), call.objectId(), method.name()),
                (byte) type.wireValue(), call.sequenceId()));
        protocol.writeStructBegin(WireWriter.ANONYMOUS);
        out.enter();
        for (int i = 0; i < arguments.length; i++) {
            args.write(out, i, arguments[i]);
        }
        if (call.timeoutMicros() > 0) {
            writeMetadata(protocol, call.timeoutMicros());
        }
        out.exit();
        protocol.writeFieldStop();
        protocol.writeStructEnd();
        protocol.writeMessageEnd();
    }

    /** Reads the args struct of a call whose header and name were read. */
    public InboundCall readCall(WireReader in, MessageHeader header, MessageName name) {
        Object[] values = args.absentValues();
        long timeoutMicros = 0;
        in.structBegin();
        byte type;
        while ((type = in.readFieldBegin()) != TType.STOP) {
            if (args.read(in, type, values)) {
                continue;
            }
            if (in.fieldId() == Wire.METADATA_FIELD_ID && type == TType.STRUCT) {
                timeoutMicros = readMetadata(in);
            } else {
                in.skip(type);
            }
        }
        in.structEnd();
        return new InboundCall(header, name.service(), name.objectId(), method, values, timeoutMicros);
    }

    /** Writes a REPLY carrying {@code value} in field 0 (left out when absent: null, void, empty Optional). */
    public void writeResult(WireWriter out, int sequenceId, Object value) throws TException {
        TProtocol protocol = out.protocol();
        protocol.writeMessageBegin(new TMessage(method.name(), (byte) MessageType.REPLY.wireValue(), sequenceId));
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
        protocol.writeMessageBegin(new TMessage(method.name(), (byte) MessageType.REPLY.wireValue(), sequenceId));
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

    private static void writeMetadata(TProtocol protocol, long timeoutMicros) throws TException {
        protocol.writeFieldBegin(METADATA);
        protocol.writeStructBegin(WireWriter.ANONYMOUS);
        protocol.writeFieldBegin(TIMEOUT);
        protocol.writeI64(timeoutMicros);
        protocol.writeFieldEnd();
        protocol.writeFieldStop();
        protocol.writeStructEnd();
        protocol.writeFieldEnd();
    }

    private static long readMetadata(WireReader in) {
        long timeoutMicros = 0;
        in.structBegin();
        byte type;
        while ((type = in.readFieldBegin()) != TType.STOP) {
            if (in.fieldId() == Wire.METADATA_TIMEOUT_ID && type == TType.I64) {
                timeoutMicros = Math.max(0, in.readI64());
            } else {
                in.skip(type);
            }
        }
        in.structEnd();
        return timeoutMicros;
    }
}
