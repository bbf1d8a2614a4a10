package io.parley.transport.shm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ring under contention, in one JVM on a direct buffer (the same code as on a mapped file): several producer
 * threads claim, copy and commit records of odd sizes while one consumer checks every byte and each producer's order;
 * the sleep/wake handshake under a producer that bursts and pauses; corrupt records are refused.
 */
@Timeout(30)
class ShmRingStressTest {
    private static final int PRODUCERS = 3;
    /** Each stress test repeats rounds for this long: bounded, whatever the machine's speed. */
    private static final long ROUNDS_NANOS = 1_500_000_000L;

    @ParameterizedTest
    @ValueSource(ints = {4096, 8192, 65536})
    void manyProducersWrapOddSizedRecordsWithoutLossTearingOrReordering(int capacity) throws Exception {
        // As many rounds as fit in the time budget (at least one), each on a fresh ring.
        long until = System.nanoTime() + ROUNDS_NANOS;
        do {
            manyProducersRound(capacity);
        } while (System.nanoTime() < until);
    }

    private static void manyProducersRound(int capacity) throws Exception {
        ShmRing ring = new ShmRing(ByteBuffer.allocateDirect(ShmLayout.ringLength(capacity)), 0, capacity);
        int perProducer = 8_000;
        Checker checker = new Checker(PRODUCERS, ring.maxPayload());
        List<Thread> producers = startProducers(ring, perProducer, null);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (checker.total < PRODUCERS * perProducer) {
            if (ring.poll(checker, 64) == 0) {
                Thread.yield(); // four busy threads share two cores in CI: let the producers run
            }
            assertTrue(System.nanoTime() < deadline, "consumer stalled at " + checker.total);
        }
        for (Thread producer : producers) {
            producer.join();
        }
        assertEquals(0, ring.poll(checker, 64), "no record beyond those written");
        assertTrue(ring.headPosition() > 10L * capacity, "the ring wrapped many times: " + ring.headPosition());
    }

    @Test
    void sleepWakeHandshakeLosesNoWakeUpWhileTheProducerBurstsAndPauses() throws Exception {
        long until = System.nanoTime() + ROUNDS_NANOS;
        do {
            sleepWakeRound();
        } while (System.nanoTime() < until);
    }

    private static void sleepWakeRound() throws Exception {
        int capacity = 8192;
        ShmRing ring = new ShmRing(ByteBuffer.allocateDirect(ShmLayout.ringLength(capacity)), 0, capacity);
        Pipe doorbell = Pipe.open();
        int perProducer = 10_000;
        Checker checker = new Checker(PRODUCERS, ring.maxPayload());
        long sleeps = 0;
        long lost = 0;
        try (Selector selector = Selector.open()) {
            doorbell.source().configureBlocking(false);
            doorbell.source().register(selector, SelectionKey.OP_READ);
            List<Thread> producers = startProducers(ring, perProducer, doorbell.sink());
            ByteBuffer bytes = ByteBuffer.allocate(64);
            while (checker.total < PRODUCERS * perProducer) {
                if (ring.poll(checker, 64) > 0) {
                    continue;
                }
                // The consumer of ShmConnection.sleep, without a spin budget, so that it sleeps as often as it can.
                ring.announceSleep();
                if (!ring.hasRecord()) {
                    sleeps++;
                    if (selector.select(2_000) == 0 && ring.hasRecord()) {
                        lost++;
                    }
                    selector.selectedKeys().clear();
                    while (doorbell.source().read(bytes.clear()) > 0) {
                        // Drained: one byte per sleep, or a late one from a sleep that found work itself.
                    }
                }
                ring.cancelSleep();
                assertEquals(0, lost, "a committed record was not followed by a wake-up");
            }
            for (Thread producer : producers) {
                producer.join();
            }
        } finally {
            doorbell.sink().close();
            doorbell.source().close();
        }
        assertTrue(sleeps > 100, "the consumer fell asleep only " + sleeps + " times");
    }

    /** Producers write perProducer records each, in bursts with pauses; they ring {@code doorbell} when asked. */
    private static List<Thread> startProducers(ShmRing ring, int perProducer, Pipe.SinkChannel doorbell) {
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            Thread thread = new Thread(() -> {
                ByteBuffer source = ByteBuffer.allocate(ring.maxPayload() + 7);
                ThreadLocalRandom random = ThreadLocalRandom.current();
                try {
                    start.await();
                    for (int seq = 0; seq < perProducer; seq++) {
                        int length = Checker.length(producer, seq, ring.maxPayload());
                        int offset = seq % 7; // an odd source offset as well
                        for (int i = 0; i < length; i++) {
                            source.put(offset + i, Checker.pattern(producer, seq, i));
                        }
                        while (!ring.tryWrite(ShmLayout.WHOLE, producer, seq, source, offset, length)) {
                            Thread.yield();
                        }
                        if (doorbell != null) {
                            if (ring.wakeNeeded()) {
                                doorbell.write(ByteBuffer.wrap(new byte[] {1}));
                            }
                            if (random.nextInt(8) == 0) {
                                pause(random.nextInt(40_000));
                            }
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    throw new AssertionError(e);
                }
            }, "ring-producer-" + p);
            thread.setDaemon(true);
            thread.start();
            producers.add(thread);
        }
        start.countDown();
        return producers;
    }

    private static void pause(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    /** Checks each record's bytes and each producer's sequence. Consumer thread only. */
    private static final class Checker implements RecordHandler {
        final int[] next;
        final int maxPayload;
        int total;

        Checker(int producers, int maxPayload) {
            this.next = new int[producers];
            this.maxPayload = maxPayload;
        }

        static int length(int producer, int seq, int maxPayload) {
            // Odd sizes from 0 to the largest payload, so records straddle the end in every way.
            int small = (seq * 37 + producer * 11) % 301;
            return seq % 17 == 0 ? maxPayload - (seq % 5) : small;
        }

        static byte pattern(int producer, int seq, int i) {
            return (byte) (producer * 7 + seq * 13 + i * 31 + 1);
        }

        @Override
        public void onRecord(int type, int message, int value, ByteBuffer data, int offset, int length) {
            assertEquals(ShmLayout.WHOLE, type);
            assertEquals(next[message], value, "producer " + message + " out of order");
            assertEquals(length(message, value, maxPayload), length, "producer " + message + " record " + value);
            for (int i = 0; i < length; i++) {
                if (data.get(offset + i) != pattern(message, value, i)) {
                    throw new AssertionError("producer " + message + " record " + value + " byte " + i + " torn");
                }
            }
            next[message]++;
            total++;
        }
    }

    // ---- corrupt input ----

    @Test
    void corruptRecordsAreRefusedBeforeAnythingIsRead() {
        int capacity = 4096;
        assertCorrupt(capacity, ring -> ring.putInt(0, 3));                  // shorter than a header
        assertCorrupt(capacity, ring -> ring.putInt(0, capacity + 8));       // beyond the data area
        assertCorrupt(capacity, ring -> ring.putInt(0, -16));                // negative
        assertCorrupt(capacity, ring -> ring.putInt(4, 99).putInt(0, 64));   // unknown type
        assertCorrupt(capacity, ring -> ring.putInt(4, ShmLayout.PADDING).putInt(0, 64)); // padding short of the end
        assertCorrupt(capacity, ring -> ring.putInt(4, ShmLayout.WHOLE).putInt(0, capacity / 2)); // over max record
    }

    private static void assertCorrupt(int capacity, java.util.function.Consumer<ByteBuffer> damage) {
        ByteBuffer memory = ByteBuffer.allocateDirect(ShmLayout.ringLength(capacity)).order(
                java.nio.ByteOrder.nativeOrder());
        damage.accept(memory);
        ShmRing ring = new ShmRing(memory, 0, capacity);
        AtomicLong records = new AtomicLong();
        assertThrows(CorruptRingException.class, () -> ring.poll((t, m, v, d, o, l) -> records.incrementAndGet(), 8));
        assertEquals(0, records.get());
    }

    @Test
    void producerRefusesAHeadPositionBeyondTheTail() {
        int capacity = 4096;
        ByteBuffer memory = ByteBuffer.allocateDirect(ShmLayout.ringLength(capacity))
                .order(java.nio.ByteOrder.nativeOrder());
        ShmRing ring = new ShmRing(memory, 0, capacity);
        ByteBuffer record = ByteBuffer.allocate(ring.maxPayload());
        while (ring.tryWrite(ShmLayout.WHOLE, 0, 0, record, 0, record.capacity())) {
            // Fill the ring, so that the producer must read the head.
        }
        memory.putLong(capacity + ShmLayout.HEAD_OFFSET, 1L << 40);
        assertThrows(CorruptRingException.class,
                () -> ring.tryWrite(ShmLayout.WHOLE, 0, 0, record, 0, record.capacity()));
    }

    @Test
    void assemblerRefusesFragmentsOutOfSequenceAndOversizedFrames() {
        ByteBuffer data = ByteBuffer.allocate(64);
        assertThrows(CorruptRingException.class,
                () -> new FrameAssembler(1000, 4).onRecord(ShmLayout.WHOLE, 0, 0, data, 0, 64 + 1000));
        assertThrows(CorruptRingException.class,
                () -> new FrameAssembler(1000, 4).onRecord(ShmLayout.BEGIN, 1, 1001, data, 0, 10));
        assertThrows(CorruptRingException.class,
                () -> new FrameAssembler(1000, 4).onRecord(ShmLayout.MIDDLE, 1, 0, data, 0, 10));
        FrameAssembler gap = new FrameAssembler(1000, 4);
        gap.onRecord(ShmLayout.BEGIN, 1, 100, data, 0, 10);
        assertThrows(CorruptRingException.class, () -> gap.onRecord(ShmLayout.MIDDLE, 1, 20, data, 0, 10));
        FrameAssembler overrun = new FrameAssembler(1000, 4);
        overrun.onRecord(ShmLayout.BEGIN, 1, 30, data, 0, 10);
        assertThrows(CorruptRingException.class, () -> overrun.onRecord(ShmLayout.END, 1, 10, data, 0, 30));
        FrameAssembler many = new FrameAssembler(1000, 2);
        many.onRecord(ShmLayout.BEGIN, 1, 100, data, 0, 10);
        many.onRecord(ShmLayout.BEGIN, 2, 100, data, 0, 10);
        assertThrows(CorruptRingException.class, () -> many.onRecord(ShmLayout.BEGIN, 3, 100, data, 0, 10));
        assertThrows(CorruptRingException.class, () -> many.onRecord(ShmLayout.BEGIN, 1, 100, data, 0, 10));
    }

    @Test
    void assemblerReassemblesInterleavedFrames() throws IOException {
        FrameAssembler assembler = new FrameAssembler(1000, 4);
        ByteBuffer a = ByteBuffer.wrap(new byte[] {1, 2, 3, 4});
        ByteBuffer b = ByteBuffer.wrap(new byte[] {9, 8, 7});
        assembler.onRecord(ShmLayout.BEGIN, 1, 4, a, 0, 2);
        assembler.onRecord(ShmLayout.BEGIN, 2, 3, b, 0, 1);
        assertEquals(null, assembler.takeFrame());
        assembler.onRecord(ShmLayout.END, 2, 1, b, 1, 2);
        assertEquals(ByteBuffer.wrap(new byte[] {9, 8, 7}), assembler.takeFrame());
        assembler.onRecord(ShmLayout.END, 1, 2, a, 2, 2);
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), assembler.takeFrame());
        assertEquals(0, assembler.inProgress());
    }
}
