package io.parley.idl.internal;

import io.parley.spi.codec.CodecSettings;
import io.parley.spi.codec.References;
import io.parley.spi.codec.MessageHeader;
import io.parley.spi.codec.MessageType;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.thrift.protocol.TType;

/**
 * Reads one Thrift message from a frame, checking every length, count and nesting level against the
 * {@link CodecSettings} and against the bytes left in the frame before anything is allocated for it.
 *
 * <p>Parley reads with its own readers rather than libthrift's protocols so that every limit is checked in one
 * place, with messages that name the setting, and so that values are decoded straight out of the frame (heap or
 * direct) without a transport in between. Writing uses libthrift ({@link WireWriter}); the tests check each side
 * against the other library.
 *
 * <p>Not thread-safe: one reader per frame. Failures are {@link MalformedMessageException}s; a frame that ends too
 * early surfaces as {@link java.nio.BufferUnderflowException}, which the codec's boundary reports as truncation.
 */
public abstract class WireReader {
    /**
     * The frame, big-endian, read with absolute indices from {@link #position} to {@link #limit}: its own position
     * is never moved, so the reader needs no duplicate of it (one object less per message).
     */
    private final ByteBuffer frame;
    private final int limit;
    private int position;
    private final CodecSettings settings;
    private int depth;
    private References references = References.NONE;

    /** Names longer than this are decoded every time: they are not what a connection repeats. */
    private static final int MAX_CACHED_NAME_BYTES = 256;
    /**
     * Recently read message names, direct-mapped by a hash of their bytes, shared by all threads. Entries are
     * immutable (final fields, arrays never written after construction), so a racy read sees either a whole entry
     * or another one; a lost update only costs a miss. Bounded: at most 64 names of at most 256 bytes.
     */
    private static final CachedName[] NAMES = new CachedName[64];

    /** The id of the field whose header was read last. */
    protected short fieldId;
    /** The element type of the list or set, or the key type of the map, whose header was read last. */
    protected byte elementType;
    /** The value type of the map whose header was read last. */
    protected byte valueType;

    protected WireReader(ByteBuffer frame, CodecSettings settings) {
        // Only a little-endian buffer needs a big-endian duplicate; the frames of every transport are big-endian.
        this.frame = frame.order() == ByteOrder.BIG_ENDIAN ? frame : frame.duplicate().order(ByteOrder.BIG_ENDIAN);
        this.position = frame.position();
        this.limit = frame.limit();
        this.settings = settings;
    }

    /**
     * A reader for the protocol the frame's first byte announces.
     *
     * @throws MalformedMessageException for an empty frame or an unknown protocol
     */
    public static WireReader of(ByteBuffer frame, CodecSettings settings) {
        if (!frame.hasRemaining()) {
            throw new MalformedMessageException("empty frame: expected a Thrift message");
        }
        int first = frame.get(frame.position()) & 0xff;
        if (first == Wire.COMPACT) {
            return new CompactReader(frame, settings);
        }
        if (first == Wire.BINARY) {
            return new BinaryReader(frame, settings);
        }
        throw new MalformedMessageException(String.format("first byte 0x%02x is neither the compact protocol's 0x82 "
                + "nor the strict binary protocol's 0x80", first));
    }

    /** How references in this message are read: those of the connection it came on. */
    public final WireReader references(References connectionReferences) {
        this.references = connectionReferences;
        return this;
    }

    /** How references in this message are read ({@link References#NONE} unless set). */
    final References references() {
        return references;
    }

    /** {@link Wire#COMPACT} or {@link Wire#BINARY}. */
    public abstract int protocol();

    /** Reads the message header. */
    public abstract MessageHeader readMessageBegin();

    /** Reads a field header: its Thrift type, or {@link TType#STOP} at the end of the struct. */
    public abstract byte readFieldBegin();

    public abstract boolean readBool();

    public abstract byte readByte();

    public abstract short readI16();

    public abstract int readI32();

    public abstract long readI64();

    public abstract double readDouble();

    /** The id of the field whose header was read last. */
    public final short fieldId() {
        return fieldId;
    }

    /** The element type of the last list or set header, or the key type of the last map header. */
    public final byte elementType() {
        return elementType;
    }

    /** The value type of the last map header. */
    public final byte valueType() {
        return valueType;
    }

    /** The bytes left in the frame. */
    public final int remaining() {
        return limit - position;
    }

    /** The next byte. */
    protected final byte nextByte() {
        return frame.get(advance(1));
    }

    /** The next two bytes, big-endian. */
    protected final short nextShort() {
        return frame.getShort(advance(2));
    }

    /** The next four bytes, big-endian. */
    protected final int nextInt() {
        return frame.getInt(advance(4));
    }

    /** The next eight bytes, big-endian. */
    protected final long nextLong() {
        return frame.getLong(advance(8));
    }

    /** Moves the cursor past {@code bytes} bytes and returns where they start; underflow as a relative get would. */
    private int advance(int bytes) {
        int at = position;
        if (limit - at < bytes) {
            throw new BufferUnderflowException();
        }
        position = at + bytes;
        return at;
    }

    /** Enters a struct (one nesting level). */
    public final void structBegin() {
        enter();
        onStructBegin();
    }

    /** Leaves the struct entered last. */
    public final void structEnd() {
        onStructEnd();
        depth--;
    }

    /** Enters a list or set: its element count, checked; its element type is {@link #elementType()}. */
    public final int readListBegin() {
        enter();
        int count = readListHeader();
        checkCount(count, Wire.minSize(elementType, isCompact()), "list/set");
        return count;
    }

    /** Enters a map: its entry count, checked; key and value types are {@link #elementType()}, {@link #valueType()}. */
    public final int readMapBegin() {
        enter();
        int count = readMapHeader();
        checkCount(count, Wire.minSize(elementType, isCompact()) + Wire.minSize(valueType, isCompact()), "map");
        return count;
    }

    /** Leaves the list, set or map entered last. */
    public final void containerEnd() {
        depth--;
    }

    /** Reads a string, UTF-8. */
    public final String readString() {
        int length = readLength("string");
        if (length == 0) {
            return "";
        }
        return readUtf8(length);
    }

    private String readUtf8(int length) {
        String value;
        int at = advance(length);
        if (frame.hasArray()) {
            value = new String(frame.array(), frame.arrayOffset() + at, length, StandardCharsets.UTF_8);
        } else {
            byte[] bytes = new byte[length];
            frame.get(at, bytes);
            value = new String(bytes, StandardCharsets.UTF_8);
        }
        return value;
    }

    /**
     * Reads a message name: a string, but a name whose bytes were read recently comes back as the same
     * {@code String} instance, without decoding it again. A connection carries the same few names over and over, so
     * this saves the {@code String} (and its array) of nearly every message, and lets {@link MessageName#parse} find
     * its parts cached by identity.
     */
    protected final String readName() {
        int length = readLength("string");
        if (length == 0) {
            return "";
        }
        if (length > MAX_CACHED_NAME_BYTES) {
            return readUtf8(length);
        }
        int start = position;
        int hash = nameHash(start, length);
        int slot = (hash ^ (hash >>> 16)) & (NAMES.length - 1);
        CachedName cached = NAMES[slot];
        if (cached != null && cached.matches(frame, start, length)) {
            position = start + length;
            return cached.value;
        }
        byte[] bytes = new byte[length];
        frame.get(start, bytes);
        String value = readUtf8(length);
        NAMES[slot] = new CachedName(bytes, value);
        return value;
    }

    /** A hash of a name's bytes, eight at a time: a call's name is some 40 bytes, read on every call. */
    private int nameHash(int start, int length) {
        int hash = length;
        int i = start;
        for (int end = start + length - Long.BYTES; i <= end; i += Long.BYTES) {
            long word = frame.getLong(i);
            hash = 31 * hash + (int) (word ^ (word >>> 32));
        }
        for (int end = start + length; i < end; i++) {
            hash = 31 * hash + frame.get(i);
        }
        return hash;
    }

    /** Reads a binary value into a new array (the frame is only borrowed). */
    public final byte[] readBinary() {
        byte[] bytes = new byte[readLength("binary")];
        frame.get(advance(bytes.length), bytes);
        return bytes;
    }

    /** Skips a value of type {@code type}, with the same limits as reading it. */
    public final void skip(byte type) {
        switch (type) {
            case TType.BOOL -> readBool();
            case TType.BYTE -> readByte();
            case TType.I16 -> readI16();
            case TType.I32 -> readI32();
            case TType.I64 -> readI64();
            case TType.DOUBLE -> readDouble();
            case TType.STRING -> skipBytes(readLength("string"));
            case TType.UUID -> skipBytes(16);
            case TType.STRUCT -> skipStruct();
            case TType.LIST, TType.SET -> skipList();
            case TType.MAP -> skipMap();
            default -> throw new MalformedMessageException("unknown Thrift type code " + type);
        }
    }

    /** Reads a string length (varint or i32 by protocol). */
    protected abstract int readRawLength();

    protected abstract int readListHeader();

    protected abstract int readMapHeader();

    protected abstract boolean isCompact();

    protected void onStructBegin() {
    }

    protected void onStructEnd() {
    }

    /** The message header from its parts, after checking the type. */
    protected final MessageHeader header(String name, int typeValue, int sequenceId) {
        MessageType type = MessageType.ofWireValue(typeValue);
        if (type == null) {
            throw new MalformedMessageException("message type " + typeValue
                    + " is none of CALL(1), REPLY(2), EXCEPTION(3), ONEWAY(4)");
        }
        return new MessageHeader(name, type, sequenceId, protocol());
    }

    private int readLength(String what) {
        int length = readRawLength();
        if (length < 0) {
            throw new MalformedMessageException("negative " + what + " length " + length);
        }
        if (length > settings.maxStringBytes()) {
            throw new MalformedMessageException(what + " of " + length + " bytes exceeds the limit of "
                    + settings.maxStringBytes() + " (CodecSettings.maxStringBytes)");
        }
        if (length > remaining()) {
            throw new MalformedMessageException(what + " of " + length + " bytes but only " + remaining()
                    + " bytes are left in the frame (truncated or corrupt)");
        }
        return length;
    }

    private void checkCount(int count, int minElementSize, String what) {
        if (count < 0) {
            throw new MalformedMessageException("negative " + what + " size " + count);
        }
        if (count > settings.maxContainerEntries()) {
            throw new MalformedMessageException(what + " of " + count + " entries exceeds the limit of "
                    + settings.maxContainerEntries() + " (CodecSettings.maxContainerEntries)");
        }
        if ((long) count * minElementSize > remaining()) {
            throw new MalformedMessageException(what + " of " + count + " entries needs at least "
                    + (long) count * minElementSize + " bytes but only " + remaining()
                    + " are left in the frame (truncated or corrupt)");
        }
    }

    private void enter() {
        if (++depth > settings.maxDepth()) {
            throw new MalformedMessageException("structs and containers nested deeper than "
                    + settings.maxDepth() + " levels (CodecSettings.maxDepth)");
        }
    }

    private void skipBytes(int count) {
        advance(count);
    }

    private void skipStruct() {
        structBegin();
        byte type;
        while ((type = readFieldBegin()) != TType.STOP) {
            skip(type);
        }
        structEnd();
    }

    private void skipList() {
        int count = readListBegin();
        byte element = elementType;
        for (int i = 0; i < count; i++) {
            skip(element);
        }
        containerEnd();
    }

    private void skipMap() {
        int count = readMapBegin();
        byte key = elementType;
        byte value = valueType;
        for (int i = 0; i < count; i++) {
            skip(key);
            skip(value);
        }
        containerEnd();
    }

    /** A message name and the bytes it was decoded from. */
    private static final class CachedName {
        final byte[] bytes;
        final String value;

        CachedName(byte[] bytes, String value) {
            this.bytes = bytes;
            this.value = value;
        }

        boolean matches(ByteBuffer frame, int start, int length) {
            if (bytes.length != length) {
                return false;
            }
            if (frame.hasArray()) {
                int from = frame.arrayOffset() + start;
                return Arrays.equals(bytes, 0, length, frame.array(), from, from + length);
            }
            for (int i = 0; i < length; i++) {
                if (bytes[i] != frame.get(start + i)) {
                    return false;
                }
            }
            return true;
        }
    }
}
