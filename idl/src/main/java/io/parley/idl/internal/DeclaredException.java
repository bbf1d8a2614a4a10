package io.parley.idl.internal;

import io.parley.spi.ExceptionDescriptor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TType;

/**
 * An exception a method declares: a field of its result struct (id = position in the {@code throws} clause) holding
 * the struct {@code {1: string message}}. Re-created on the caller's side through its public (String) constructor,
 * looked up once.
 */
final class DeclaredException {
    private static final TField MESSAGE = new TField("message", TType.STRING,
            ExceptionDescriptor.MESSAGE_FIELD_ID);
    private static final MethodType CONSTRUCTOR = MethodType.methodType(Throwable.class, String.class);

    private final ExceptionDescriptor descriptor;
    private final TField header;
    private final MethodHandle constructor;

    DeclaredException(ExceptionDescriptor descriptor) {
        this.descriptor = descriptor;
        this.header = new TField(descriptor.type().getSimpleName(), TType.STRUCT, (short) descriptor.id());
        try {
            this.constructor = MethodHandles.publicLookup()
                    .findConstructor(descriptor.type(), MethodType.methodType(void.class, String.class))
                    .asType(CONSTRUCTOR);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("declared exception " + descriptor.type().getName()
                    + " has no public constructor taking the message", e);
        }
    }

    ExceptionDescriptor descriptor() {
        return descriptor;
    }

    /** Writes the result field holding {@code exception}. */
    void write(TProtocol out, Throwable exception) throws TException {
        out.writeFieldBegin(header);
        out.writeStructBegin(WireWriter.ANONYMOUS);
        if (exception.getMessage() != null) {
            out.writeFieldBegin(MESSAGE);
            out.writeString(exception.getMessage());
            out.writeFieldEnd();
        }
        out.writeFieldStop();
        out.writeStructEnd();
        out.writeFieldEnd();
    }

    /** Reads the exception struct and re-creates the exception. */
    Throwable read(WireReader in) {
        String message = null;
        in.structBegin();
        byte type;
        while ((type = in.readFieldBegin()) != TType.STOP) {
            if (in.fieldId() == ExceptionDescriptor.MESSAGE_FIELD_ID && type == TType.STRING) {
                message = in.readString();
            } else {
                in.skip(type);
            }
        }
        in.structEnd();
        try {
            return (Throwable) constructor.invokeExact(message);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw new InvalidValueException("the constructor of declared exception "
                    + descriptor.type().getName() + " threw " + e, e);
        }
    }
}
