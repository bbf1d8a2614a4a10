package io.parley.testing;

import java.nio.ByteBuffer;

/**
 * Frames that carry who sent them and their place in that sender's sequence, followed by a body computed from both.
 * A receiver can then check that each frame arrived whole, unmixed with others, and in its sender's order.
 *
 * <pre>
 *   sender: int32 | sequence: int32 | body: bodyLength(sender, sequence) bytes, byte i = pattern(sender, sequence, i)
 * </pre>
 */
public final class TaggedFrames {
    /** The largest body {@link #bodyLength} returns. */
    public static final int MAX_BODY = 300;
    /** The largest frame {@link #encode} produces. */
    public static final int MAX_FRAME = 8 + MAX_BODY;

    /** Who sent a frame and where it was in that sender's sequence. */
    public record Tag(int sender, int sequence) {
    }

    private TaggedFrames() {
    }

    /** Varies from frame to frame (0 to {@link #MAX_BODY}), so that frames of many sizes share the connection. */
    public static int bodyLength(int sender, int sequence) {
        return Math.floorMod(sender * 131 + sequence * 37, MAX_BODY + 1);
    }

    /** A new buffer holding the frame. */
    public static ByteBuffer encode(int sender, int sequence) {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_FRAME);
        encodeInto(buffer, sender, sequence);
        return buffer;
    }

    /** Overwrites {@code buffer} (capacity at least {@link #MAX_FRAME}) with the frame, ready to read. */
    public static void encodeInto(ByteBuffer buffer, int sender, int sequence) {
        buffer.clear();
        buffer.putInt(sender).putInt(sequence);
        int length = bodyLength(sender, sequence);
        for (int i = 0; i < length; i++) {
            buffer.put(pattern(sender, sequence, i));
        }
        buffer.flip();
    }

    /**
     * Reads the tag of a received frame after checking its length and every byte of its body.
     *
     * @throws AssertionError naming the first difference
     */
    public static Tag decode(byte[] frame) {
        if (frame.length < 8) {
            throw new AssertionError("tagged frame of " + frame.length + " bytes (expected: at least 8)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        Tag tag = new Tag(buffer.getInt(), buffer.getInt());
        int expected = bodyLength(tag.sender(), tag.sequence());
        if (buffer.remaining() != expected) {
            throw new AssertionError(tag + ": body of " + buffer.remaining() + " bytes (expected: " + expected + ")");
        }
        for (int i = 0; i < expected; i++) {
            byte b = buffer.get();
            if (b != pattern(tag.sender(), tag.sequence(), i)) {
                throw new AssertionError(tag + ": body byte " + i + " is " + b + " (expected: "
                        + pattern(tag.sender(), tag.sequence(), i) + ")");
            }
        }
        return tag;
    }

    private static byte pattern(int sender, int sequence, int index) {
        return (byte) (sender * 7 + sequence * 13 + index * 31 + 1);
    }
}
