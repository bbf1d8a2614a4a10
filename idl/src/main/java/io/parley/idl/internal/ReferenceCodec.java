package io.parley.idl.internal;

import io.parley.Endpoint;
import io.parley.OrbException;
import io.parley.RemoteRef;
import io.parley.spi.ValueType;
import io.parley.spi.ValueTypes;
import io.parley.spi.codec.WireReference;
import java.util.ArrayList;
import java.util.List;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TType;

/**
 * An object passed by reference, as the IDL struct {@code RemoteRef}: {@code 1: string service_, 2: string objectId,
 * 3: list<Endpoint> endpoints, 4: i64 incarnation}, and {@code 5: optional bool fromSender} (true when the sender
 * owns the object, left out otherwise), so a program in another language reads it with the generated struct. The
 * endpoints are written with the codec of the {@link Endpoint} record, so the struct follows that record's fields.
 *
 * <p>Which object becomes which reference, and back, is core's business: the message's
 * {@link io.parley.spi.codec.References} (the connection's) turns a servant or proxy into a {@link WireReference}
 * and a {@link WireReference} into a proxy or servant.
 */
final class ReferenceCodec extends ValueCodec {
    /** {@code List<Endpoint>}, classified from {@link RemoteRef}'s own component so both stay the same struct. */
    static final ValueType ENDPOINTS = endpointsType();

    private static final TField SERVICE = new TField("service_", TType.STRING, Wire.REFERENCE_SERVICE_ID);
    private static final TField OBJECT_ID = new TField("objectId", TType.STRING, Wire.REFERENCE_OBJECT_ID);
    private static final TField ENDPOINT_LIST = new TField("endpoints", TType.LIST, Wire.REFERENCE_ENDPOINTS_ID);
    private static final TField INCARNATION = new TField("incarnation", TType.I64, Wire.REFERENCE_INCARNATION_ID);
    private static final TField FROM_SENDER = new TField("fromSender", TType.BOOL, Wire.REFERENCE_FROM_SENDER_ID);

    private final Class<?> iface;
    private final ValueCodec endpoints;

    ReferenceCodec(Class<?> iface, ValueCodec endpoints) {
        super(TType.STRUCT);
        this.iface = iface;
        this.endpoints = endpoints;
    }

    @Override
    public void write(WireWriter out, Object value) throws TException {
        if (!iface.isInstance(value)) {
            throw new InvalidValueException("a " + value.getClass().getName() + " where a reference to "
                    + iface.getName() + " was expected");
        }
        WireReference reference;
        try {
            reference = out.references().write(value, iface);
        } catch (OrbException e) {
            throw new ReferenceRefusedException(e);
        }
        out.enter();
        TProtocol protocol = out.protocol();
        protocol.writeStructBegin(WireWriter.ANONYMOUS);
        protocol.writeFieldBegin(SERVICE);
        protocol.writeString(reference.service());
        protocol.writeFieldEnd();
        protocol.writeFieldBegin(OBJECT_ID);
        protocol.writeString(reference.objectId());
        protocol.writeFieldEnd();
        protocol.writeFieldBegin(ENDPOINT_LIST);
        endpoints.write(out, reference.endpoints());
        protocol.writeFieldEnd();
        protocol.writeFieldBegin(INCARNATION);
        protocol.writeI64(reference.incarnation());
        protocol.writeFieldEnd();
        if (reference.fromSender()) {
            protocol.writeFieldBegin(FROM_SENDER);
            protocol.writeBool(true);
            protocol.writeFieldEnd();
        }
        protocol.writeFieldStop();
        protocol.writeStructEnd();
        out.exit();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object read(WireReader in) {
        String service = null;
        String objectId = null;
        List<Endpoint> endpointList = List.of();
        long incarnation = 0;
        boolean fromSender = false;
        in.structBegin();
        byte type;
        while ((type = in.readFieldBegin()) != TType.STOP) {
            short id = in.fieldId();
            if (id == Wire.REFERENCE_SERVICE_ID && type == TType.STRING) {
                service = in.readString();
            } else if (id == Wire.REFERENCE_OBJECT_ID && type == TType.STRING) {
                objectId = in.readString();
            } else if (id == Wire.REFERENCE_ENDPOINTS_ID && type == TType.LIST) {
                endpointList = (List<Endpoint>) endpoints.read(in);
            } else if (id == Wire.REFERENCE_INCARNATION_ID && type == TType.I64) {
                incarnation = in.readI64();
            } else if (id == Wire.REFERENCE_FROM_SENDER_ID && type == TType.BOOL) {
                fromSender = in.readBool();
            } else {
                in.skip(type);
            }
        }
        in.structEnd();
        if (service == null || objectId == null || service.isEmpty() || objectId.isEmpty()) {
            throw new InvalidValueException("a reference to " + iface.getName() + " without "
                    + (service == null || service.isEmpty() ? "service_ (field 1)" : "objectId (field 2)"));
        }
        try {
            return in.references().read(new WireReference(service, objectId, endpointList, incarnation, fromSender),
                    iface);
        } catch (OrbException e) {
            throw new ReferenceRefusedException(e);
        }
    }

    private static ValueType endpointsType() {
        List<String> problems = new ArrayList<>();
        ValueType type = ValueTypes.of(RemoteRef.class.getRecordComponents()[2].getGenericType(),
                "RemoteRef.endpoints", problems);
        if (type == null || type.kind() != ValueType.Kind.LIST) {
            throw new IllegalStateException("RemoteRef.endpoints is not a list of value types: " + problems);
        }
        return type;
    }
}
