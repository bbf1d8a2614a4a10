package io.parley.idl.internal;

import io.parley.spi.codec.References;
import java.nio.ByteBuffer;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TStruct;

/**
 * Writes one message with libthrift's compact or binary protocol into a per-thread {@link OutputBuffer}, and counts
 * nesting so that a value the reader would reject (or a self-containing list) fails here with a clear message
 * instead of a {@code StackOverflowError}.
 *
 * <p>Obtained with {@link #begin}, released with {@link #end}; a writer in use when the same thread encodes again
 * (a record accessor that itself makes a remote call) is not disturbed: the nested encode gets a fresh writer.
 */
public final class WireWriter {
    /** libthrift ignores struct names on the wire; one shared instance avoids an allocation per struct. */
    static final TStruct ANONYMOUS = new TStruct("");

    /** The compact protocol's message header: protocol id, then version and type in one byte (its spec). */
    private static final byte COMPACT_PROTOCOL_ID = (byte) 0x82;
    private static final int COMPACT_VERSION = 1;
    private static final int COMPACT_TYPE_SHIFT = 5;
    /** The strict binary protocol's first word: version 1 in the high half, the type in the low byte. */
    private static final int BINARY_VERSION_1 = 0x80010000;

    private static final ThreadLocal<WireWriter> CURRENT = ThreadLocal.withInitial(WireWriter::new);

    private final OutputBuffer buffer = new OutputBuffer();
    private TCompactProtocol compact = new TCompactProtocol(buffer);
    private final TBinaryProtocol binary = new TBinaryProtocol(buffer, true, true);
    private TProtocol protocol;
    private int depth;
    private int maxDepth;
    private boolean inUse;
    private References references = References.NONE;

    private WireWriter() {
    }

    /** The thread's writer, reset for a new message in {@code protocolId} ({@link Wire#BINARY} or compact). */
    public static WireWriter begin(int protocolId, int maxDepth) {
        return begin(protocolId, maxDepth, References.NONE);
    }

    /** As {@link #begin(int, int)}, writing references through {@code references} (the connection's). */
    public static WireWriter begin(int protocolId, int maxDepth, References references) {
        WireWriter writer = CURRENT.get();
        if (writer.inUse) {
            writer = new WireWriter();
        }
        writer.inUse = true;
        writer.buffer.reset();
        writer.compact.reset();
        writer.protocol = protocolId == Wire.BINARY ? writer.binary : writer.compact;
        writer.depth = 0;
        writer.maxDepth = maxDepth;
        writer.references = references;
        return writer;
    }

    /** The message written, valid until the thread's next {@link #begin}. */
    public ByteBuffer end() {
        inUse = false;
        references = References.NONE; // not kept alive by the thread's writer
        return buffer.written();
    }

    /** Gives the writer back after a failed encode; its protocol state is rebuilt, since it may be mid-struct. */
    public void abandon() {
        inUse = false;
        references = References.NONE;
        compact = new TCompactProtocol(buffer);
    }

    /**
     * Writes a message header as {@code protocol().writeMessageBegin} would, byte for byte, from a name already in
     * UTF-8: libthrift encodes the name anew for every message, which a call path that sends the same few names
     * over and over need not pay.
     */
    public void writeMessageBegin(byte[] name, byte type, int sequenceId) {
        if (protocol == binary) {
            writeInt(BINARY_VERSION_1 | type);
            writeInt(name.length);
            buffer.write(name, 0, name.length);
            writeInt(sequenceId);
            return;
        }
        buffer.writeByte(COMPACT_PROTOCOL_ID);
        buffer.writeByte((byte) (COMPACT_VERSION | (type << COMPACT_TYPE_SHIFT)));
        writeVarint(sequenceId);
        writeVarint(name.length);
        buffer.write(name, 0, name.length);
    }

    private void writeInt(int value) {
        buffer.writeByte((byte) (value >>> 24));
        buffer.writeByte((byte) (value >>> 16));
        buffer.writeByte((byte) (value >>> 8));
        buffer.writeByte((byte) value);
    }

    /** An unsigned base-128 varint, as the compact protocol writes sequence ids and lengths. */
    private void writeVarint(int value) {
        while ((value & ~0x7F) != 0) {
            buffer.writeByte((byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        buffer.writeByte((byte) value);
    }

    /** The protocol to write with. */
    public TProtocol protocol() {
        return protocol;
    }

    /** How references in this message are written. */
    References references() {
        return references;
    }

    /** Enters a struct or container. */
    void enter() {
        if (++depth > maxDepth) {
            throw new InvalidValueException("nested deeper than " + maxDepth + " levels (CodecSettings.maxDepth), "
                    + "which readers reject; is a collection containing itself?");
        }
    }

    /** Leaves the struct or container entered last. */
    void exit() {
        depth--;
    }

    /** The capacity of the thread's buffer, for tests of its shrinking. */
    int bufferCapacity() {
        return buffer.capacity();
    }
}
