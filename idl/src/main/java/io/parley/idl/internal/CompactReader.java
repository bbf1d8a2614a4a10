package io.parley.idl.internal;

import io.parley.spi.codec.CodecSettings;
import io.parley.spi.codec.MessageHeader;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.thrift.protocol.TType;

/** Reads Thrift's compact protocol: zigzag varints, field-id deltas, little-endian doubles. */
final class CompactReader extends WireReader {
    private static final int VERSION = 1;
    private static final int VERSION_MASK = 0x1f;
    private static final int TYPE_SHIFT = 5;
    private static final int TYPE_BITS = 0x07;

    /** Compact type nibble to Thrift type; -1 for nibbles that name no type. */
    private static final byte[] TYPES = {TType.STOP, TType.BOOL, TType.BOOL, TType.BYTE, TType.I16, TType.I32,
        TType.I64, TType.DOUBLE, TType.STRING, TType.LIST, TType.SET, TType.MAP, TType.STRUCT, TType.UUID, -1, -1};
    private static final int BOOLEAN_TRUE = 1;

    /**
     * Field ids are deltas from the previous field of the same struct, so each open struct keeps its last id: the
     * saved ids of the two outermost open structs in fields, deeper ones in an array made when first needed. A call's
     * args with their metadata struct, and a reply's result, then allocate nothing for it.
     */
    private short savedOuter;
    private short savedSecond;
    private short[] savedDeeper;
    private int openStructs;
    private short lastFieldId;
    /** A bool field carries its value in the field header; it waits here for {@link #readBool()}. */
    private int pendingBool = -1;

    CompactReader(ByteBuffer frame, CodecSettings settings) {
        super(frame, settings);
    }

    @Override
    public int protocol() {
        return Wire.COMPACT;
    }

    @Override
    public MessageHeader readMessageBegin() {
        nextByte(); // protocol id, checked by WireReader.of
        int versionAndType = nextByte() & 0xff;
        if ((versionAndType & VERSION_MASK) != VERSION) {
            throw new MalformedMessageException("compact protocol version " + (versionAndType & VERSION_MASK)
                    + " is not the supported version " + VERSION);
        }
        int type = (versionAndType >> TYPE_SHIFT) & TYPE_BITS;
        int sequenceId = readVarint32();
        String name = readName();
        return header(name, type, sequenceId);
    }

    @Override
    public byte readFieldBegin() {
        int header = nextByte() & 0xff;
        if (header == TType.STOP) {
            return TType.STOP;
        }
        int delta = header >> 4;
        int compactType = header & 0x0f;
        fieldId = delta == 0 ? readI16() : (short) (lastFieldId + delta);
        lastFieldId = fieldId;
        byte type = type(compactType);
        if (type == TType.BOOL) {
            pendingBool = compactType == BOOLEAN_TRUE ? 1 : 0;
        }
        return type;
    }

    @Override
    public boolean readBool() {
        if (pendingBool >= 0) {
            boolean value = pendingBool == 1;
            pendingBool = -1;
            return value;
        }
        return nextByte() == BOOLEAN_TRUE;
    }

    @Override
    public byte readByte() {
        return nextByte();
    }

    @Override
    public short readI16() {
        return (short) readI32();
    }

    @Override
    public int readI32() {
        int n = readVarint32();
        return (n >>> 1) ^ -(n & 1);
    }

    @Override
    public long readI64() {
        long n = readVarint64();
        return (n >>> 1) ^ -(n & 1);
    }

    @Override
    public double readDouble() {
        return Double.longBitsToDouble(Long.reverseBytes(nextLong()));
    }

    @Override
    protected int readRawLength() {
        return readVarint32();
    }

    @Override
    protected int readListHeader() {
        int header = nextByte() & 0xff;
        int count = header >> 4;
        elementType = type(header & 0x0f);
        return count == 15 ? readVarint32() : count;
    }

    @Override
    protected int readMapHeader() {
        int count = readVarint32();
        if (count == 0) {
            // An empty map has no type byte; its types are unknown and irrelevant.
            elementType = TType.STOP;
            valueType = TType.STOP;
            return 0;
        }
        int types = nextByte() & 0xff;
        elementType = type(types >> 4);
        valueType = type(types & 0x0f);
        return count;
    }

    @Override
    protected boolean isCompact() {
        return true;
    }

    @Override
    protected void onStructBegin() {
        if (openStructs == 0) {
            savedOuter = lastFieldId;
        } else if (openStructs == 1) {
            savedSecond = lastFieldId;
        } else {
            int deeper = openStructs - 2;
            if (savedDeeper == null) {
                savedDeeper = new short[8];
            } else if (deeper == savedDeeper.length) {
                savedDeeper = Arrays.copyOf(savedDeeper, deeper * 2);
            }
            savedDeeper[deeper] = lastFieldId;
        }
        openStructs++;
        lastFieldId = 0;
    }

    @Override
    protected void onStructEnd() {
        openStructs--;
        lastFieldId = openStructs == 0 ? savedOuter : openStructs == 1 ? savedSecond : savedDeeper[openStructs - 2];
    }

    private static byte type(int compactType) {
        byte type = TYPES[compactType];
        if (type < 0) {
            throw new MalformedMessageException("unknown compact type code " + compactType);
        }
        return type;
    }

    private int readVarint32() {
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = nextByte();
            result |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new MalformedMessageException("varint longer than 5 bytes for a 32-bit value");
    }

    private long readVarint64() {
        long result = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = nextByte();
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new MalformedMessageException("varint longer than 10 bytes for a 64-bit value");
    }
}
