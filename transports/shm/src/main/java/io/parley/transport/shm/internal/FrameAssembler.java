package io.parley.transport.shm.internal;

import static io.parley.transport.shm.internal.ShmLayout.BEGIN;
import static io.parley.transport.shm.internal.ShmLayout.END;
import static io.parley.transport.shm.internal.ShmLayout.MIDDLE;
import static io.parley.transport.shm.internal.ShmLayout.WHOLE;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns the records of a ring back into frames: copies whole frames out of shared memory, and reassembles fragmented
 * ones (BEGIN with the total length, then MIDDLE and END with their offsets), interleaved by message id. Every field
 * is checked before use: a frame larger than {@code maxFrameBytes}, more than {@code maxReassemblies} frames in
 * progress, an unknown or repeated message id, or an offset that is not where the previous fragment ended throws
 * {@link CorruptRingException}. Buffers grow with the bytes that actually arrived, never to a claimed length at once.
 * A completed frame is taken with {@link #takeFrame} after the ring has consumed its record, so that whoever handles
 * the frame may poll the ring again.
 *
 * <p>Threading: used by the connection's receive thread only.
 */
public final class FrameAssembler implements RecordHandler {
    /** First size of a reassembly buffer; it doubles as fragments arrive, up to the frame's length. */
    private static final int INITIAL_REASSEMBLY = 64 * 1024;

    private final int maxFrameBytes;
    private final int maxReassemblies;
    private ByteBuffer ready;
    private boolean ownCopies;
    private final Map<Integer, Partial> partials = new HashMap<>();
    /** Whole frames are copied here first: the handler must not read memory that the peer can still change. */
    private byte[] scratch = new byte[4096];

    private static final class Partial {
        final int total;
        byte[] bytes;
        int received;

        Partial(int total) {
            this.total = total;
            this.bytes = new byte[Math.min(total, INITIAL_REASSEMBLY)];
        }

        void append(ByteBuffer data, int offset, int length) {
            if (received + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(total, Math.max(2L * bytes.length, received + length)));
            }
            data.get(offset, bytes, received, length);
            received += length;
        }
    }

    public FrameAssembler(int maxFrameBytes, int maxReassemblies) {
        this.maxFrameBytes = maxFrameBytes;
        this.maxReassemblies = maxReassemblies;
    }

    /** The frame that the last record completed, or {@code null}; taken once. */
    public ByteBuffer takeFrame() {
        ByteBuffer frame = ready;
        ready = null;
        return frame;
    }

    /**
     * Whether whole frames get an array of their own instead of the shared scratch array: while a frame from the
     * scratch array is being handled and the ring is polled again underneath it, that frame must stay intact.
     */
    public void ownCopies(boolean ownCopies) {
        this.ownCopies = ownCopies;
    }

    @Override
    public void onRecord(int type, int message, int value, ByteBuffer data, int offset, int length) {
        switch (type) {
            case WHOLE -> whole(data, offset, length);
            case BEGIN -> begin(message, value, data, offset, length);
            case MIDDLE, END -> next(type, message, value, data, offset, length);
            default -> throw new CorruptRingException("record type " + type);
        }
    }

    private void whole(ByteBuffer data, int offset, int length) {
        checkSize(length);
        byte[] target;
        if (ownCopies) {
            target = new byte[length];
        } else {
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, 2 * scratch.length)];
            }
            target = scratch;
        }
        data.get(offset, target, 0, length);
        ready = ByteBuffer.wrap(target, 0, length);
    }

    private void begin(int message, int total, ByteBuffer data, int offset, int length) {
        checkSize(total);
        if (length >= total) {
            throw new CorruptRingException("first fragment of message " + message + " holds " + length
                    + " of its " + total + " bytes (expected: fewer)");
        }
        if (partials.containsKey(message)) {
            throw new CorruptRingException("message " + message + " begins twice");
        }
        if (partials.size() >= maxReassemblies) {
            throw new CorruptRingException("more than " + maxReassemblies + " fragmented frames in progress");
        }
        Partial partial = new Partial(total);
        partial.append(data, offset, length);
        partials.put(message, partial);
    }

    private void next(int type, int message, int fragmentOffset, ByteBuffer data, int offset, int length) {
        Partial partial = partials.get(message);
        if (partial == null) {
            throw new CorruptRingException("fragment of message " + message + " without its beginning");
        }
        long end = (long) partial.received + length;
        if (fragmentOffset != partial.received || end > partial.total || (type == END) != (end == partial.total)) {
            throw new CorruptRingException("fragment of message " + message + " at offset " + fragmentOffset + " with "
                    + length + " bytes (expected: offset " + partial.received + " of " + partial.total + ")");
        }
        partial.append(data, offset, length);
        if (type == END) {
            partials.remove(message);
            ready = ByteBuffer.wrap(partial.bytes, 0, partial.total);
        }
    }

    private void checkSize(int length) {
        if (length < 0 || length > maxFrameBytes) {
            throw new CorruptRingException("frame of " + length + " bytes (maxFrameBytes=" + maxFrameBytes + ")");
        }
    }

    /** Frames whose fragments are still arriving. */
    public int inProgress() {
        return partials.size();
    }
}
