package io.parley.transport.shm.internal;

import static io.parley.transport.shm.internal.ShmLayout.ALIGNMENT;
import static io.parley.transport.shm.internal.ShmLayout.CONSUMER_CLOSED_OFFSET;
import static io.parley.transport.shm.internal.ShmLayout.END;
import static io.parley.transport.shm.internal.ShmLayout.HEAD_OFFSET;
import static io.parley.transport.shm.internal.ShmLayout.INTS;
import static io.parley.transport.shm.internal.ShmLayout.LONGS;
import static io.parley.transport.shm.internal.ShmLayout.PADDING;
import static io.parley.transport.shm.internal.ShmLayout.RECORD_HEADER;
import static io.parley.transport.shm.internal.ShmLayout.RECORD_MESSAGE_OFFSET;
import static io.parley.transport.shm.internal.ShmLayout.RECORD_TYPE_OFFSET;
import static io.parley.transport.shm.internal.ShmLayout.RECORD_VALUE_OFFSET;
import static io.parley.transport.shm.internal.ShmLayout.SLEEPING_OFFSET;
import static io.parley.transport.shm.internal.ShmLayout.TAIL_OFFSET;
import static io.parley.transport.shm.internal.ShmLayout.WHOLE;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * One ring of a connection file: many producer threads of one process, one consumer thread in the other (the
 * layout is in {@link ShmLayout}). The algorithm is Agrona's many-to-one ring: producers claim space with a CAS on
 * the tail, copy, and publish by a release store of the record's length; the consumer reads lengths with acquire
 * loads, hands records over, zeroes what it consumed (producers rely on unwritten space reading 0) and publishes the
 * head with a release store. Since every producer lives in one process, a torn record means that process died, and
 * the socket closes the connection: no unblock timeout is needed.
 *
 * <p>Threading: {@link #tryWrite} and {@link #wakeNeeded} from any thread of the producing process;
 * {@link #poll}, {@link #hasRecord}, {@link #announceSleep} and {@link #cancelSleep} from the one consumer thread.
 * Everything the consumer reads is checked as untrusted input: a bad record throws {@link CorruptRingException} before
 * anything is read outside the data area.
 */
public final class ShmRing {
    private static final byte[] ZEROS = new byte[4096];
    /** Records up to this many bytes are zeroed a word at a time. */
    private static final int SMALL_RECORD = 256;

    private final ByteBuffer buffer;
    private final int base;
    private final int capacity;
    private final int mask;
    private final int maxRecord;
    private final int tailAt;
    private final int headAt;
    private final int sleepingAt;
    private final int consumerClosedAt;
    /** Producers' last view of the head: the shared head is read only when space seems short. */
    private volatile long headCache;
    /**
     * The consumer's own head: only the consumer thread writes it; others read it (opaque) only for
     * {@link #mayHaveRecord}.
     */
    private long head;
    private static final VarHandle HEAD;

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(ShmRing.class, "head", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * A view of the ring at {@code base} of {@code buffer} (a mapped file, or a direct buffer in tests: atomic access
     * needs one), with a data area of {@code capacity} bytes.
     */
    public ShmRing(ByteBuffer buffer, int base, int capacity) {
        if (!ShmLayout.validCapacity(capacity) || base % ShmLayout.BLOCK != 0
                || base + ShmLayout.ringLength(capacity) > buffer.capacity() || !buffer.isDirect()) {
            throw new IllegalArgumentException("ring of " + capacity + " bytes at " + base + " does not fit in "
                    + buffer);
        }
        this.buffer = buffer;
        this.base = base;
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.maxRecord = ShmLayout.maxRecordLength(capacity);
        this.tailAt = base + capacity + TAIL_OFFSET;
        this.headAt = base + capacity + HEAD_OFFSET;
        this.sleepingAt = base + capacity + SLEEPING_OFFSET;
        this.consumerClosedAt = base + capacity + CONSUMER_CLOSED_OFFSET;
        this.head = (long) LONGS.getAcquire(buffer, headAt);
        this.headCache = head;
    }

    /** Bytes of the data area. */
    public int capacity() {
        return capacity;
    }

    /** The largest payload of one record. */
    public int maxPayload() {
        return maxRecord - RECORD_HEADER;
    }

    // ---- producers ----

    /**
     * Writes one record if there is room now.
     *
     * @return {@code false} when the ring lacks space (try again once the consumer has made progress)
     * @throws CorruptRingException when the head or tail position in shared memory is impossible
     */
    public boolean tryWrite(int type, int message, int value, ByteBuffer source, int sourceOffset, int length) {
        if (length < 0 || length > maxPayload() || type < WHOLE || type > END) {
            throw new IllegalArgumentException("record of type " + type + " with " + length + " bytes (max payload "
                    + maxPayload() + ")");
        }
        int recordLength = RECORD_HEADER + length;
        int required = ShmLayout.align(recordLength);
        long knownHead = headCache;
        while (true) {
            long tail = (long) LONGS.getVolatile(buffer, tailAt);
            if ((tail & (ALIGNMENT - 1)) != 0) {
                // Our producers claim aligned space only, so the peer wrote it; an atomic store at a misaligned index
                // would fail with an IllegalStateException.
                throw new CorruptRingException("tail position " + tail + " not a multiple of " + ALIGNMENT);
            }
            int index = (int) tail & mask;
            int toEnd = capacity - index;
            int padding = required > toEnd ? toEnd : 0;
            long claimed = tail + padding + required;
            if (claimed - knownHead > capacity) {
                long fresh = readHead(knownHead);
                if (fresh == knownHead) {
                    return false;
                }
                knownHead = fresh;
                continue;
            }
            if (!LONGS.compareAndSet(buffer, tailAt, tail, claimed)) {
                continue;
            }
            if (padding > 0) {
                buffer.putInt(base + index + RECORD_TYPE_OFFSET, PADDING);
                INTS.setRelease(buffer, base + index, padding);
                index = 0;
            }
            int at = base + index;
            buffer.putInt(at + RECORD_TYPE_OFFSET, type);
            buffer.putInt(at + RECORD_MESSAGE_OFFSET, message);
            buffer.putInt(at + RECORD_VALUE_OFFSET, value);
            // Every bound was checked above, so the copy cannot fail between claim and commit and leave a hole.
            buffer.put(at + RECORD_HEADER, source, sourceOffset, length);
            INTS.setRelease(buffer, at, recordLength);
            return true;
        }
    }

    private long readHead(long knownHead) {
        long fresh = (long) LONGS.getAcquire(buffer, headAt);
        long tail = (long) LONGS.getVolatile(buffer, tailAt);
        if (fresh < knownHead || fresh > tail) {
            throw new CorruptRingException("head position " + fresh + " outside [" + knownHead + ", " + tail + "]");
        }
        headCache = fresh;
        return fresh;
    }

    /**
     * After a commit: whether the consumer announced that it sleeps, in which case this caller (and no other producer)
     * must ring its doorbell. The full fence orders the commit's store before the load of the flag; with the
     * consumer's fence between its flag store and its re-check of the ring (Dekker), at least one side sees the other.
     */
    public boolean wakeNeeded() {
        VarHandle.fullFence();
        return (long) LONGS.getVolatile(buffer, sleepingAt) == 1L
                && LONGS.compareAndSet(buffer, sleepingAt, 1L, 0L);
    }

    // ---- the consumer ----

    /**
     * Hands up to {@code limit} committed records to {@code handler}, in order, then publishes the new head.
     *
     * @return how many records (padding included) were consumed
     * @throws CorruptRingException for a record that breaks the layout; nothing is consumed from it on
     */
    public int poll(RecordHandler handler, int limit) {
        long position = head;
        if ((position & (ALIGNMENT - 1)) != 0) {
            // Only the initial head, read from shared memory, can be misaligned: positions advance by aligned steps.
            // Checked here because an atomic read at a misaligned index fails with an IllegalStateException.
            throw corrupt(position, "head position not a multiple of " + ALIGNMENT);
        }
        int count = 0;
        // Producers write only within a capacity of the head this side last published (at the start of this
        // poll): a record past that overlaps space consumed in this very poll, so the peer wrote garbage.
        long writable = position + capacity;
        try {
            while (count < limit) {
                int index = (int) position & mask;
                int length = (int) INTS.getAcquire(buffer, base + index);
                if (length == 0) {
                    break;
                }
                // Each shared field is read once: the peer may change it between two reads.
                int type = buffer.getInt(base + index + RECORD_TYPE_OFFSET);
                int consumed = check(position, index, length, type);
                if (position + consumed - writable > 0) {
                    throw corrupt(position, "a record of " + consumed + " bytes ends past the space a producer could"
                            + " have written (head " + head + ", capacity " + capacity + ")");
                }
                if (type != PADDING) {
                    int at = base + index;
                    handler.onRecord(type, buffer.getInt(at + RECORD_MESSAGE_OFFSET),
                            buffer.getInt(at + RECORD_VALUE_OFFSET), buffer, at + RECORD_HEADER,
                            length - RECORD_HEADER);
                }
                zero(base + index, consumed);
                position += consumed;
                count++;
            }
        } finally {
            if (position != head) {
                HEAD.setOpaque(this, position);
                LONGS.setRelease(buffer, headAt, position);
            }
        }
        return count;
    }

    /** The bytes the record at {@code index} occupies, after checking its length and type. */
    private int check(long position, int index, int length, int type) {
        int toEnd = capacity - index;
        if (length < ALIGNMENT || length > toEnd) {
            throw corrupt(position, "length " + length + " (expected: 8 to " + toEnd + ")");
        }
        if (type == PADDING) {
            if (length != toEnd) {
                throw corrupt(position, "padding of " + length + " bytes (expected: " + toEnd + ")");
            }
            return toEnd;
        }
        if (type < WHOLE || type > END) {
            throw corrupt(position, "type " + type);
        }
        if (length < RECORD_HEADER || length > maxRecord) {
            throw corrupt(position, "length " + length + " (expected: " + RECORD_HEADER + " to " + maxRecord + ")");
        }
        return ShmLayout.align(length);
    }

    private static CorruptRingException corrupt(long position, String what) {
        return new CorruptRingException("record at position " + position + ": " + what);
    }

    private void zero(int at, int length) {
        if (length <= SMALL_RECORD) {
            // Most records are calls and replies of a few dozen bytes: word stores beat a bulk copy's set-up.
            for (int done = 0; done < length; done += ALIGNMENT) {
                buffer.putLong(at + done, 0L);
            }
            return;
        }
        for (int done = 0; done < length; done += ZEROS.length) {
            buffer.put(at + done, ZEROS, 0, Math.min(ZEROS.length, length - done));
        }
    }

    /** Whether a committed record waits at the head. Consumer thread. */
    public boolean hasRecord() {
        if ((head & (ALIGNMENT - 1)) != 0) {
            return true; // a peer-written, misaligned head: poll reports it as corruption
        }
        return (int) INTS.getAcquire(buffer, base + ((int) head & mask)) != 0;
    }

    /**
     * Whether a committed record seems to wait at the head, read without being the consumer: a hint for deciding
     * whether to become it. A thread that was not the consumer last may see an older head: where that record was
     * consumed and zeroed it misses the waiting one until it looks again; where later records were written over it,
     * it answers {@code true} for nothing, which {@link #poll} then finds out.
     */
    public boolean mayHaveRecord() {
        long at = (long) HEAD.getOpaque(this);
        return (at & (ALIGNMENT - 1)) != 0 || (int) INTS.getAcquire(buffer, base + ((int) at & mask)) != 0;
    }

    /**
     * Announces that the consumer is about to sleep; the caller must then re-check {@link #hasRecord} before it
     * blocks. The fence orders the flag's store before that re-check's load (see {@link #wakeNeeded}).
     */
    public void announceSleep() {
        LONGS.setVolatile(buffer, sleepingAt, 1L);
        VarHandle.fullFence();
    }

    /** Whether the consumer's sleep announcement is up. Any thread of the consumer's process. */
    public boolean sleepAnnounced() {
        return (long) LONGS.getVolatile(buffer, sleepingAt) == 1L;
    }

    /** Withdraws the announcement (found work, or woke up). Consumer thread. */
    public void cancelSleep() {
        LONGS.setVolatile(buffer, sleepingAt, 0L);
    }

    /**
     * Marks that the consumer's side closed: producers that see it write nothing more, so a frame they could not
     * write is known not to have been delivered. Records committed before stay and are still consumed. Any thread
     * of the consumer's process.
     */
    public void markConsumerClosed() {
        LONGS.setVolatile(buffer, consumerClosedAt, 1L);
    }

    /** Whether the consumer's side closed (see {@link #markConsumerClosed}). Producers. */
    public boolean consumerClosed() {
        return (long) LONGS.getVolatile(buffer, consumerClosedAt) == 1L;
    }

    /** The consumer's head position, for tests and diagnostics. */
    public long headPosition() {
        return head;
    }
}
