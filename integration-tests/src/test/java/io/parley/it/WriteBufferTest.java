package io.parley.it;

import static io.parley.it.OverloadTest.assertExhausted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.PooledByteBufAllocator;
import io.parley.Orb;
import io.parley.OrbException;
import io.parley.RemoteRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bounded write buffers: a peer that stops reading cannot grow the other side's memory. The server stops reading
 * from a client that does not read its answers, and closes the connection once more than
 * {@code maxQueuedBytesPerConnection} of answers wait; a client sending to a server that does not read gets
 * RESOURCE_EXHAUSTED (completion NO). Other clients are served quickly throughout.
 */
@Timeout(60)
class WriteBufferTest {
    private static final int ANSWER_BYTES = 16 * 1024;
    private static final int CALLS = 200_000; // 3 GiB of answers if the server queued them all

    @Test
    void aClientThatNeverReadsCannotGrowTheServersMemory() throws Exception {
        GateImpl gate = new GateImpl();
        try (Orb server = Orb.builder().name("unread-server").sharedMemory(false).build();
                Orb good = Orb.builder().name("good-client").build()) {
            RemoteRef ref = server.export("gate", gate);
            Gate goodGate = good.connect(ref, Gate.class);
            assertEquals(1, goodGate.echo(1));
            long heapBefore = usedHeapAfterGc();
            long directBefore = usedDirectMemory();
            AtomicInteger sent = new AtomicInteger();
            AtomicBoolean disconnected = new AtomicBoolean();
            try (RawPeer stalled = new RawPeer(ref.endpoints().get(0).port(), 8 * 1024)) {
                CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> send(stalled, sent, disconnected));
                long worstMillis = 0;
                int sentBefore = -1;
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                long lastSecond = end - TimeUnit.SECONDS.toNanos(1);
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    assertEquals(2, goodGate.echo(2));
                    worstMillis = Math.max(worstMillis, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                    if (sentBefore < 0 && start - lastSecond > 0) {
                        sentBefore = sent.get();
                    }
                    Thread.sleep(2);
                }
                long heapGrowth = usedHeapAfterGc() - heapBefore;
                long directGrowth = usedDirectMemory() - directBefore;
                int served = gate.bytesCalls.get();
                String state = sent.get() + " calls sent, " + served + " served, heap +" + heapGrowth / 1024
                        + " KiB, direct +" + directGrowth / 1024 + " KiB, disconnected " + disconnected.get()
                        + ", worst answer to the good client " + worstMillis + " ms";
                assertTrue(disconnected.get() || sent.get() == sentBefore,
                        "TCP flow control holds the stalled client back: " + state);
                // Unbounded, the server would run every call and keep 16 KiB per answer: 3 GiB for 200 000 calls.
                assertTrue(served < 4_000, "the server stopped taking calls whose answers are not read: " + state);
                assertTrue(heapGrowth < 64L * 1024 * 1024 && directGrowth < 64L * 1024 * 1024,
                        "memory stays bounded: " + state);
                assertTrue(worstMillis < 1_000, "the good client is served quickly: " + state);
                stalled.close();
                sender.get(10, TimeUnit.SECONDS);
            }
            assertEquals(3, goodGate.echo(3));
        }
    }

    @Test
    void answersBeyondTheQueuedBytesBoundCloseTheConnection() throws Exception {
        GateImpl gate = new GateImpl();
        try (Orb server = Orb.builder().name("bounded-server").sharedMemory(false).maxMessageBytes(64 * 1024)
                .maxQueuedBytesPerConnection(256 * 1024).build();
                Orb good = Orb.builder().name("good-client").build()) {
            RemoteRef ref = server.export("gate", gate);
            Gate goodGate = good.connect(ref, Gate.class);
            try (RawPeer stalled = new RawPeer(ref.endpoints().get(0).port(), 8 * 1024)) {
                ByteArrayOutputStream calls = new ByteArrayOutputStream();
                for (int i = 0; i < 2_000; i++) {
                    calls.writeBytes(RawPeer.bytesCall(i, 32 * 1024)); // 64 MiB of answers
                }
                stalled.write(calls.toByteArray());
                // How many answers go out before the bound is hit depends on the kernel's socket buffers and on how
                // soon the event loop flushes (a burst from the servant threads may fill the bound at once).
                OverloadTest.awaitTrue(() -> gate.bytesCalls.get() > 0, "the calls are served");
                assertEquals(4, goodGate.echo(4));
                assertTrue(stalled.drainUntilClosed(10_000), "the server closes a connection whose answers pile up");
            }
            assertEquals(5, goodGate.echo(5), "other clients are still served");
        }
    }

    @Test
    void aClientSendingToAServerThatDoesNotReadFailsFast() throws Exception {
        try (ServerSocket deaf = new ServerSocket()) {
            deaf.setReceiveBufferSize(8 * 1024);
            deaf.bind(new InetSocketAddress("127.0.0.1", 0));
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return deaf.accept(); // and never read
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Orb client = Orb.builder().name("sender").maxMessageBytes(128 * 1024)
                    .maxQueuedBytesPerConnection(512 * 1024).build()) {
                Gate gate = client.connect(RemoteRef.parse("parley://127.0.0.1:" + deaf.getLocalPort()
                        + "/Gate/gate"), Gate.class);
                String tag = "x".repeat(64 * 1024);
                OrbException refused = null;
                int sent = 0;
                for (; sent < 2_000 && refused == null; sent++) { // 128 MiB if nothing held the client back
                    try {
                        gate.knock(tag);
                    } catch (OrbException e) {
                        refused = e;
                    }
                }
                assertTrue(refused != null, "2 000 oneway calls of 64 KiB queued for a peer that never reads");
                assertExhausted(refused, "maxQueuedBytes=524288");
                assertTrue(sent < 500, "refused after " + sent + " calls");
            } finally {
                accepted.get(10, TimeUnit.SECONDS).close();
            }
        }
    }

    /** Sends {@link #CALLS} calls in batches; stops when the server closes the connection (or the test does). */
    private static void send(RawPeer peer, AtomicInteger sent, AtomicBoolean disconnected) {
        try {
            for (int batch = 0; batch < CALLS / 100; batch++) {
                ByteArrayOutputStream calls = new ByteArrayOutputStream();
                for (int i = 0; i < 100; i++) {
                    calls.writeBytes(RawPeer.bytesCall(batch * 100 + i, ANSWER_BYTES));
                }
                peer.write(calls.toByteArray());
                sent.addAndGet(100);
            }
        } catch (IOException e) {
            disconnected.set(true);
        }
    }

    /** Netty's pooled direct memory, where queued answers live. */
    private static long usedDirectMemory() {
        return PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
