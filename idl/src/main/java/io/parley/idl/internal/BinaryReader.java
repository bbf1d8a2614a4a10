package io.parley.idl.internal;

import io.parley.spi.codec.CodecSettings;
import io.parley.spi.codec.MessageHeader;
import java.nio.ByteBuffer;
import org.apache.thrift.protocol.TType;

/** Reads Thrift's strict binary protocol: fixed-width big-endian numbers, i32 lengths. */
final class BinaryReader extends WireReader {
    private static final int VERSION_MASK = 0xffff0000;
    private static final int VERSION_1 = 0x80010000;

    BinaryReader(ByteBuffer frame, CodecSettings settings) {
        super(frame, settings);
    }

    @Override
    public int protocol() {
        return Wire.BINARY;
    }

    @Override
    public MessageHeader readMessageBegin() {
        int version = frame.getInt();
        if ((version & VERSION_MASK) != VERSION_1) {
            throw new MalformedMessageException(String.format("binary protocol version 0x%08x is not the strict "
                    + "version 0x%08x", version & VERSION_MASK, VERSION_1));
        }
        String name = readString();
        int sequenceId = frame.getInt();
        return header(name, version & 0xff, sequenceId);
    }

    @Override
    public byte readFieldBegin() {
        byte type = frame.get();
        if (type == TType.STOP) {
            return TType.STOP;
        }
        fieldId = frame.getShort();
        return type;
    }

    @Override
    public boolean readBool() {
        return frame.get() == 1;
    }

    @Override
    public byte readByte() {
        return frame.get();
    }

    @Override
    public short readI16() {
        return frame.getShort();
    }

    @Override
    public int readI32() {
        return frame.getInt();
    }

    @Override
    public long readI64() {
        return frame.getLong();
    }

    @Override
    public double readDouble() {
        return Double.longBitsToDouble(frame.getLong());
    }

    @Override
    protected int readRawLength() {
        return frame.getInt();
    }

    @Override
    protected int readListHeader() {
        elementType = frame.get();
        return frame.getInt();
    }

    @Override
    protected int readMapHeader() {
        elementType = frame.get();
        valueType = frame.get();
        return frame.getInt();
    }

    @Override
    protected boolean isCompact() {
        return false;
    }
}
