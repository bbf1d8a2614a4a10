package io.parley.idl.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TSet;
import org.apache.thrift.protocol.TType;

/** A {@code List} as a Thrift list or a {@code Set} as a Thrift set; reads into a mutable ArrayList/LinkedHashSet. */
final class CollectionCodec extends ValueCodec {
    /** Collections are never pre-sized beyond this from a count read off the wire; they grow as elements arrive. */
    static final int MAX_PRESIZE = 16;

    private final ValueCodec element;
    private final boolean set;

    private CollectionCodec(byte wireType, ValueCodec element) {
        super(wireType);
        this.element = element;
        this.set = wireType == TType.SET;
    }

    static CollectionCodec list(ValueCodec element) {
        return new CollectionCodec(TType.LIST, element);
    }

    static CollectionCodec set(ValueCodec element) {
        return new CollectionCodec(TType.SET, element);
    }

    @Override
    public void write(WireWriter out, Object value) throws TException {
        Collection<?> collection = (Collection<?>) value;
        out.enter();
        TProtocol protocol = out.protocol();
        if (set) {
            protocol.writeSetBegin(new TSet(element.wireType(), collection.size()));
        } else {
            protocol.writeListBegin(new TList(element.wireType(), collection.size()));
        }
        for (Object item : collection) {
            if (item == null) {
                throw new InvalidValueException("null element in a " + (set ? "set" : "list")
                        + ": Thrift cannot carry null elements; leave them out");
            }
            element.write(out, item);
        }
        if (set) {
            protocol.writeSetEnd();
        } else {
            protocol.writeListEnd();
        }
        out.exit();
    }

    @Override
    public Object read(WireReader in) {
        int count = in.readListBegin();
        if (count > 0 && in.elementType() != element.wireType()) {
            throw new MalformedMessageException((set ? "set" : "list") + " of " + Wire.typeName(in.elementType())
                    + " where " + Wire.typeName(element.wireType()) + " elements were expected");
        }
        Collection<Object> collection = set ? new LinkedHashSet<>(Math.min(count, MAX_PRESIZE) * 2)
                : new ArrayList<>(Math.min(count, MAX_PRESIZE));
        for (int i = 0; i < count; i++) {
            collection.add(element.read(in));
        }
        in.containerEnd();
        return collection;
    }
}
