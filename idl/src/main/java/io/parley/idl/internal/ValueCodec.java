package io.parley.idl.internal;

import org.apache.thrift.TException;

/**
 * Writes and reads the values of one {@link io.parley.spi.ValueType} as one Thrift type. Built once per value type
 * by {@link ValueCodecs}; stateless and shared by every thread.
 */
public abstract class ValueCodec {
    private final byte wireType;

    protected ValueCodec(byte wireType) {
        this.wireType = wireType;
    }

    /** The Thrift type code ({@link org.apache.thrift.protocol.TType}) of the values on the wire. */
    public final byte wireType() {
        return wireType;
    }

    /**
     * Writes a present value (see {@link #isAbsent}).
     *
     * @throws InvalidValueException when the value cannot be written in Thrift
     */
    public abstract void write(WireWriter out, Object value) throws TException;

    /**
     * Reads a value of {@link #wireType()}; the field or container header before it has been read.
     *
     * @throws MalformedMessageException for bytes that break the protocol or a limit
     * @throws InvalidValueException     for a well-formed value that does not fit the Java type
     */
    public abstract Object read(WireReader in);

    /** What an absent field decodes to: {@code null}, or the zero of a primitive, or an empty {@code Optional}. */
    public Object absent() {
        return null;
    }

    /** Whether {@code value} is written as an absent field: {@code null}, or an empty {@code Optional}. */
    public boolean isAbsent(Object value) {
        return value == null;
    }
}
