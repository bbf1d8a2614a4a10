package io.parley.idl.internal;

import io.parley.spi.ValueType;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TType;

/**
 * An enum as a Thrift i32: the constant's value ({@link io.parley.Id}, else its ordinal). A value this version of the
 * enum does not know (the peer is newer) reads as {@code null}, so that adding constants stays compatible.
 */
final class EnumCodec extends ValueCodec {
    private final ValueType type;

    EnumCodec(ValueType type) {
        super(TType.I32);
        this.type = type;
    }

    @Override
    public void write(WireWriter out, Object value) throws TException {
        out.protocol().writeI32(type.valueOf((Enum<?>) value));
    }

    @Override
    public Object read(WireReader in) {
        return type.enumOf(in.readI32());
    }
}
