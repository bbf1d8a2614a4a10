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
        int version = nextInt();
        if ((version & VERSION_MASK) != VERSION_1) {
            throw new MalformedMessageException(String.format("binary protocol version 0x%08x is not the strict "
                    + "version 0x%08x", version & VERSION_MASK, VERSION_1));
        }
        String name = readName();
        int sequenceId = nextInt();
        return header(name, version & 0xff, sequenceId);
    }

    @Override
    public byte readFieldBegin() {
        byte type = nextByte();
        if (type == TType.STOP) {
            return TType.STOP;
        }
        fieldId = nextShort();
        return type;
    }

    @Override
    public boolean readBool() {
        return nextByte() == 1;
    }

    @Override
    public byte readByte() {
        return nextByte();
    }

    @Override
    public short readI16() {
        return nextShort();
    }

    @Override
    public int readI32() {
        return nextInt();
    }

    @Override
    public long readI64() {
        return nextLong();
    }

    @Override
    public double readDouble() {
        return Double.longBitsToDouble(nextLong());
    }

    @Override
    protected int readRawLength() {
        return nextInt();
    }

    @Override
    protected int readListHeader() {
        elementType = nextByte();
        return nextInt();
    }

    @Override
    protected int readMapHeader() {
        elementType = nextByte();
        valueType = nextByte();
        return nextInt();
    }

    @Override
    protected boolean isCompact() {
        return false;
    }
}
