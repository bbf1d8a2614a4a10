package io.parley.idl.internal;

import io.parley.spi.ValueType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TType;

/**
 * A record as a Thrift struct: each component a field with its id. Components are read with method handles
 * unreflected once, and records built through the canonical constructor; absent fields get their absent value
 * (null, zero, empty Optional) and unknown fields are skipped, which is what lets records evolve.
 *
 * <p>Created as a shell and {@linkplain #complete completed} once its fields' codecs exist, so that a recursive
 * record (a tree node holding a list of nodes) can refer to its own codec.
 */
final class RecordCodec extends ValueCodec {
    private static final MethodType ACCESSOR = MethodType.methodType(Object.class, Object.class);
    private static final MethodType CONSTRUCTOR = MethodType.methodType(Object.class, Object[].class);

    private final String name;
    private StructFields fields;
    private MethodHandle[] accessors;
    private MethodHandle constructor;

    RecordCodec(ValueType type) {
        super(TType.STRUCT);
        this.name = type.rawType().getSimpleName();
    }

    /** Supplies the fields, in the order of the record's components. */
    void complete(ValueType type, StructFields fields) {
        this.fields = fields;
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            accessors = new MethodHandle[type.fields().size()];
            for (int i = 0; i < accessors.length; i++) {
                Method accessor = type.fields().get(i).accessor();
                accessor.trySetAccessible();
                accessors[i] = lookup.unreflect(accessor).asType(ACCESSOR);
            }
            Constructor<?> canonical = type.constructor();
            canonical.trySetAccessible();
            constructor = lookup.unreflectConstructor(canonical)
                    .asSpreader(Object[].class, accessors.length).asType(CONSTRUCTOR);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("record " + type.rawType().getName() + " is not accessible to the "
                    + "Thrift codec; make it and its enclosing classes public", e);
        }
    }

    @Override
    public void write(WireWriter out, Object value) throws TException {
        out.enter();
        TProtocol protocol = out.protocol();
        protocol.writeStructBegin(WireWriter.ANONYMOUS);
        for (int i = 0; i < accessors.length; i++) {
            fields.write(out, i, component(i, value));
        }
        protocol.writeFieldStop();
        protocol.writeStructEnd();
        out.exit();
    }

    @Override
    public Object read(WireReader in) {
        Object[] values = fields.absentValues();
        in.structBegin();
        byte type;
        while ((type = in.readFieldBegin()) != TType.STOP) {
            if (!fields.read(in, type, values)) {
                in.skip(type);
            }
        }
        in.structEnd();
        try {
            return (Object) constructor.invokeExact(values);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw new InvalidValueException("record " + name + " rejected the values read: " + e, e);
        }
    }

    private Object component(int index, Object record) {
        try {
            return (Object) accessors[index].invokeExact(record);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw new InvalidValueException("accessor of record " + name + "." + fields.name(index) + " threw " + e,
                    e);
        }
    }
}
