package io.parley.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.parley.transport.shm.internal.CorruptRingException;
import io.parley.transport.shm.internal.FrameAssembler;
import io.parley.transport.shm.internal.RecordHandler;
import io.parley.transport.shm.internal.ShmLayout;
import io.parley.transport.shm.internal.ShmRing;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the receiving side of a shared-memory connection: a peer that writes garbage into the ring it shares with us,
 * before and while we read it. {@link ShmRing#poll} hands records to the connection's real {@link FrameAssembler}.
 * ({@link #producerAgainstPeer} fuzzes the sending side.)
 *
 * <p>Input layout: byte 0 holds options (bit 0: whole frames get their own copies; bits 1 to 3: records per poll,
 * minus one; bit 4: the peer also writes while a record is being handed over), bytes 1 to 8 the consumer's head
 * position as the peer left it (big-endian), byte 9 how many of the peer's writes come before the first poll, then
 * the peer's writes into the ring's data area: a 2-byte offset, a 2-byte length and that many bytes each. After the
 * first ones, the peer makes one more write per poll (or, with bit 4, per record handed over).
 *
 * <p>Holds: every poll returns the records it consumed or throws {@link CorruptRingException}, and nothing else
 * (no index out of bounds, however the lengths, types and positions lie); a record handed over lies inside the data
 * area and is at most the largest payload; the frames that come out are exactly what the fragment protocol defines
 * (checked against an independent model of it, which also says when the assembler must refuse); no frame exceeds
 * {@code maxFrameBytes} and no more than {@code maxReassemblies} frames are ever in progress; consumed space is
 * zeroed; memory grows with the bytes that arrived, never with the lengths the peer claims.
 */
class ShmRingFuzzTest {
    private static final int CAPACITY = ShmLayout.MIN_CAPACITY;
    /** Large, so that allocating a claimed frame length at once would dwarf the bound. */
    private static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;
    private static final int MAX_REASSEMBLIES = 4;
    private static final int HEADER = 10;
    private static final int MAX_ROUNDS = 64;
    /**
     * At most the data area and one largest record per round arrive, each payload copied a few times; a reassembly
     * starts at 64 KiB and doubles with what arrived. Far below the {@value #MAX_FRAME_BYTES} a peer may claim.
     */
    private static final long ALLOCATION_BOUND = Allocation.SLACK + MAX_REASSEMBLIES * 256L * 1024
            + 16L * (CAPACITY + MAX_ROUNDS * ShmLayout.maxRecordLength(CAPACITY));

    /** The shared memory of every run (tests run on one thread): a direct buffer, as atomic access needs. */
    private static final ByteBuffer SHARED = ByteBuffer.allocateDirect(ShmLayout.ringLength(CAPACITY));
    private static final byte[] ZEROS = new byte[ShmLayout.ringLength(CAPACITY)];

    @FuzzTest(maxDuration = "2m")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void ringContents(byte[] input) {
        if (input.length < HEADER) {
            return;
        }
        Run[] last = new Run[1];
        long allocated = Allocation.during(() -> last[0] = Run.of(input), ALLOCATION_BOUND);
        assertTrue(allocated <= ALLOCATION_BOUND, () -> "allocated " + allocated + " bytes for "
                + last[0].payloadBytes + " bytes of records (bound " + ALLOCATION_BOUND + ")");
    }

    /**
     * The sending side of the same ring: our producer writes records while the peer, which consumes them, sets the
     * head and even the tail (it is shared memory) to whatever it likes. Input: the tail and the head as the peer left
     * them (8 bytes each, big-endian), then operations of one byte each: {@code 0 mod 4} writes a record (the next two
     * bytes give its payload length and type), {@code 1} lets the peer consume everything properly, {@code 2} and
     * {@code 3} let it set the head or the tail to the next 8 bytes.
     *
     * <p>Holds: a write succeeds, finds no room, or throws {@link CorruptRingException}; nothing else escapes, and
     * nothing is written outside the data area and the tail.
     */
    @FuzzTest(maxDuration = "2m")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void producerAgainstPeer(byte[] input) {
        if (input.length < 16) {
            return;
        }
        clear(SHARED);
        ByteBuffer in = ByteBuffer.wrap(input);
        ByteBuffer trailer = SHARED.duplicate().order(ByteOrder.nativeOrder());
        int tailAt = CAPACITY + ShmLayout.TAIL_OFFSET;
        int headAt = CAPACITY + ShmLayout.HEAD_OFFSET;
        trailer.putLong(tailAt, in.getLong());
        trailer.putLong(headAt, in.getLong());
        ShmRing ring = new ShmRing(SHARED, 0, CAPACITY);
        ByteBuffer payload = ByteBuffer.allocate(ring.maxPayload());
        while (in.remaining() > 0) {
            int operation = in.get() & 3;
            try {
                if (operation == 0 && in.remaining() >= 2) {
                    int length = Math.min(ring.maxPayload(), (in.get() & 0xff) * 2);
                    int type = ShmLayout.WHOLE + (in.get() & 3);
                    ring.tryWrite(type, 1, 0, payload, 0, length);
                    ring.wakeNeeded();
                } else if (operation == 1) {
                    clear(SHARED, 0, CAPACITY);
                    trailer.putLong(headAt, trailer.getLong(tailAt));
                } else if (operation >= 2 && in.remaining() >= 8) {
                    trailer.putLong(operation == 2 ? headAt : tailAt, in.getLong());
                }
            } catch (CorruptRingException e) {
                assertNotNull(e.getMessage(), "a corrupt ring says what is wrong");
                return; // the connection closes
            }
            ring.consumerClosed(); // read by every send: must not fail on any trailer either
            for (int at = CAPACITY; at < tailAt; at++) {
                assertEquals(0, SHARED.get(at), "byte " + at + " after the data area was written");
            }
        }
    }

    private static void clear(ByteBuffer buffer) {
        buffer.put(0, ZEROS);
    }

    private static void clear(ByteBuffer buffer, int from, int length) {
        buffer.put(from, ZEROS, 0, length);
    }

    /** One peer's garbage, read the way a connection's receive thread reads it. */
    private static final class Run implements RecordHandler {
        private final FrameAssembler assembler = new FrameAssembler(MAX_FRAME_BYTES, MAX_REASSEMBLIES);
        private final Model model = new Model();
        private final ByteBuffer writes;
        private final boolean writeDuringHandOver;
        private final ShmRing ring;
        private final int limit;
        private boolean wroteDuringPoll;
        long payloadBytes;

        private Run(byte[] input) {
            clear(SHARED);
            ByteBuffer in = ByteBuffer.wrap(input);
            int options = in.get() & 0xff;
            long head = in.getLong();
            int initialWrites = in.get() & 0xff;
            writes = in.slice();
            // The head as the peer left it: the ring reads it once, at construction, in native order.
            SHARED.duplicate().order(ByteOrder.nativeOrder()).putLong(CAPACITY + ShmLayout.HEAD_OFFSET, head);
            int applied = 0;
            while (applied < initialWrites && peerWrites()) {
                applied++; // the ring as the peer filled it before we look
            }
            writeDuringHandOver = (options & 0x10) != 0;
            assembler.ownCopies((options & 1) != 0);
            ring = new ShmRing(SHARED, 0, CAPACITY);
            limit = 1 + ((options >> 1) & 7);
        }

        static Run of(byte[] input) {
            Run run = new Run(input);
            run.poll();
            return run;
        }

        private void poll() {
            for (int round = 0; round < MAX_ROUNDS; round++) {
                long before = ring.headPosition();
                wroteDuringPoll = false;
                int consumed;
                try {
                    ring.hasRecord(); // what the receive thread asks before it sleeps: must not fail either
                    consumed = ring.poll(this, limit);
                } catch (CorruptRingException e) {
                    assertNotNull(e.getMessage(), "a corrupt ring says what is wrong");
                    return; // the connection closes; nothing after this is read
                }
                assertTrue(consumed >= 0 && consumed <= limit, "records consumed by one poll: " + consumed);
                if (!wroteDuringPoll) {
                    assertConsumedSpaceZeroed(before, ring.headPosition());
                }
                if (consumed == 0 && !peerWrites()) {
                    return;
                }
            }
        }

        /** The peer's next write, if any; whether there was one. */
        private boolean peerWrites() {
            if (writes.remaining() < 4) {
                return false;
            }
            int offset = (writes.getShort() & 0xffff) % CAPACITY;
            int length = Math.min(writes.getShort() & 0xffff, writes.remaining());
            length = Math.min(length, CAPACITY - offset);
            SHARED.put(offset, writes, writes.position(), length);
            writes.position(writes.position() + length);
            return true;
        }

        @Override
        public void onRecord(int type, int message, int value, ByteBuffer data, int offset, int length) {
            assertTrue(type >= ShmLayout.WHOLE && type <= ShmLayout.END, "record type " + type);
            assertTrue(offset >= ShmLayout.RECORD_HEADER && length >= 0 && offset + length <= CAPACITY,
                    "record payload [" + offset + ", " + (offset + length) + ") outside the data area");
            assertTrue(length <= ShmLayout.maxPayload(CAPACITY), "payload of " + length + " bytes");
            if (writeDuringHandOver && peerWrites()) {
                wroteDuringPoll = true; // the peer races the reader; what the assembler copies is what counts
            }
            payloadBytes += length;
            byte[] payload = new byte[length];
            data.get(offset, payload);
            boolean refuse = !model.accepts(type, message, value, payload);
            try {
                assembler.onRecord(type, message, value, data, offset, length);
            } catch (CorruptRingException e) {
                assertTrue(refuse, () -> "refused a record the fragment protocol allows: " + e.getMessage());
                throw e;
            }
            assertTrue(!refuse, () -> "accepted a record the fragment protocol forbids: type " + type + ", message "
                    + message + ", value " + value + ", " + length + " bytes");
            assertTrue(assembler.inProgress() <= MAX_REASSEMBLIES, "reassemblies in progress");
            assertEquals(model.partials.size(), assembler.inProgress(), "reassemblies in progress");
            ByteBuffer frame = assembler.takeFrame();
            byte[] expected = model.completed;
            model.completed = null;
            if (expected == null) {
                assertNull(frame, "a frame out of an incomplete record sequence");
                return;
            }
            assertNotNull(frame, "the frame that record completed");
            assertTrue(frame.remaining() <= MAX_FRAME_BYTES, "frame of " + frame.remaining() + " bytes");
            byte[] actual = new byte[frame.remaining()];
            frame.duplicate().get(actual);
            assertArrayEquals(expected, actual, "frame content");
        }

        private void assertConsumedSpaceZeroed(long from, long to) {
            assertTrue(to - from >= 0 && to - from <= CAPACITY, "head moved from " + from + " to " + to);
            for (long position = from; position < to; position++) {
                int index = (int) position & (CAPACITY - 1);
                if (SHARED.get(index) != 0) {
                    throw new AssertionError("consumed byte at index " + index + " was not zeroed");
                }
            }
        }
    }

    /** The fragment protocol of {@link ShmLayout}, written from its documentation: what must be accepted. */
    private static final class Model {
        final Map<Integer, Partial> partials = new HashMap<>();
        byte[] completed;

        private static final class Partial {
            final int total;
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

            Partial(int total) {
                this.total = total;
            }
        }

        boolean accepts(int type, int message, int value, byte[] payload) {
            switch (type) {
                case ShmLayout.WHOLE -> {
                    if (payload.length > MAX_FRAME_BYTES) {
                        return false;
                    }
                    completed = payload;
                    return true;
                }
                case ShmLayout.BEGIN -> {
                    if (value < 0 || value > MAX_FRAME_BYTES || payload.length >= value
                            || partials.containsKey(message) || partials.size() >= MAX_REASSEMBLIES) {
                        return false;
                    }
                    Partial partial = new Partial(value);
                    partial.bytes.write(payload, 0, payload.length);
                    partials.put(message, partial);
                    return true;
                }
                default -> {
                    Partial partial = partials.get(message);
                    if (partial == null) {
                        return false;
                    }
                    long end = (long) partial.bytes.size() + payload.length;
                    boolean last = type == ShmLayout.END;
                    if (value != partial.bytes.size() || end > partial.total || last != (end == partial.total)) {
                        return false;
                    }
                    partial.bytes.write(payload, 0, payload.length);
                    if (last) {
                        partials.remove(message);
                        completed = partial.bytes.toByteArray();
                    }
                    return true;
                }
            }
        }
    }
}
