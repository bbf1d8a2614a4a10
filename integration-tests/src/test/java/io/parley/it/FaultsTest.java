package io.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Calls;
import io.parley.Completion;
import io.parley.DeadlineExceededException;
import io.parley.Interceptor;
import io.parley.Orb;
import io.parley.OrbException;
import io.parley.RemoteRef;
import io.parley.UnavailableException;
import io.parley.testing.JavaProcess;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults with real processes and real sockets. Each test states what must hold: calls caught by a fault fail
 * promptly with the completion status that is true (never a silent retry of a non-idempotent call), nothing stays
 * stuck on the side that survived, and it keeps serving everyone else.
 */
@Timeout(90)
class FaultsTest {
    private static final Duration LONG_DEADLINE = Duration.ofSeconds(30);

    /** Counts servant calls that have started and not yet returned. */
    private static final class Running implements Interceptor {
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger total = new AtomicInteger();

        @Override
        public Object intercept(Chain chain) throws Throwable {
            now.incrementAndGet();
            total.incrementAndGet();
            try {
                return chain.proceed();
            } finally {
                now.decrementAndGet();
            }
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"tcp", "shm"})
    void clientKilledUnderLoadLeavesNothingRunningAndTheServerServing(String transport) throws Exception {
        Running running = new Running();
        try (Orb server = Orb.builder().name("fault-server").serverInterceptor(running).build()) {
            RemoteRef ref = server.export(new ShopImpl());
            try (JavaProcess client = JavaProcess.start(LoadClient.class, ref.toString(), "8", transport)) {
                client.awaitLine("RUNNING"::equals, Duration.ofSeconds(30));
                Thread.sleep(300);
                int before = running.total.get();
                client.kill();
                assertTrue(before > 16, "the load barely ran: " + before + " calls");
            }
            long killed = System.nanoTime();
            awaitZero(running.now, Duration.ofSeconds(5));
            figure("client killed under load over " + transport + ": servant calls drained", killed);
            try (Orb next = Orb.builder().name("next-client").sharedMemory(transport.equals("shm")).build()) {
                Shop shop = next.connect(ref, Shop.class);
                for (int i = 0; i < 200; i++) {
                    assertEquals(i + 1, shop.add(i, 1));
                }
            }
            long start = System.nanoTime();
            server.close();
            long closeMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(closeMillis < 3_000, "graceful close waited " + closeMillis
                    + " ms: calls of the killed client still count as in flight");
            figure("client killed under load over " + transport + ": server's graceful close took", start);
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"tcp", "shm"})
    void serverKilledDuringACallFailsItPromptlyAsMaybeAndTheNextAsNo(String transport) throws Exception {
        try (JavaProcess server = JavaProcess.start(ShopServer.class);
                Orb client = Orb.builder().name("fault-client").sharedMemory(transport.equals("shm")).build()) {
            Shop shop = client.connect(RemoteRef.parse(server.awaitValue("REF ", Duration.ofSeconds(30))),
                    Shop.class);
            assertEquals(3, shop.add(1, 2));
            CompletableFuture<String> call = CompletableFuture.supplyAsync(
                    () -> Calls.withTimeout(LONG_DEADLINE, () -> shop.slow(20_000)));
            Thread.sleep(500);
            long killed = System.nanoTime();
            server.kill();
            UnavailableException lost = causeOf(call, UnavailableException.class);
            long noticedMillis = (System.nanoTime() - killed) / 1_000_000;
            assertEquals(Completion.MAYBE, lost.completion(), lost.toString());
            assertTrue(noticedMillis < 5_000, "the caller heard of the dead server after " + noticedMillis + " ms");
            figure("server killed during a call over " + transport + ": the call failed (MAYBE) after", killed);
            OrbException next = assertThrows(OrbException.class,
                    () -> Calls.withTimeout(LONG_DEADLINE, () -> shop.add(1, 2)));
            assertEquals(Completion.NO, next.completion(), next.toString());
        }
    }

    @Test
    void replyCutInTheMiddleOfAFrameFailsTheCallAtOnceAsMaybe() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress());
                Orb client = Orb.builder().name("cut-client").build()) {
            CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> answerHalfAFrame(fake, true));
            Shop shop = client.connect("parley://127.0.0.1:" + fake.getLocalPort() + "/Shop/shop", Shop.class);
            long start = System.nanoTime();
            UnavailableException cut = assertThrows(UnavailableException.class,
                    () -> Calls.withTimeout(LONG_DEADLINE, () -> shop.add(1, 2)));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Completion.MAYBE, cut.completion(), cut.toString());
            assertTrue(millis < 5_000, "the cut was noticed after " + millis + " ms");
            figure("reply cut mid-frame: the call failed (MAYBE) after", start);
            peer.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void replyThatStallsInTheMiddleOfAFrameEndsAtTheDeadline() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress());
                Orb client = Orb.builder().name("stall-client").build()) {
            CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> answerHalfAFrame(fake, false));
            Shop shop = client.connect("parley://127.0.0.1:" + fake.getLocalPort() + "/Shop/shop", Shop.class);
            long start = System.nanoTime();
            DeadlineExceededException late = assertThrows(DeadlineExceededException.class,
                    () -> Calls.withTimeout(Duration.ofMillis(700), () -> shop.add(1, 2)));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Completion.MAYBE, late.completion(), late.toString());
            assertTrue(millis >= 650 && millis < 5_000, "the stalled call ended after " + millis + " ms");
            fake.close();
            peer.cancel(true);
        }
    }

    @Test
    void requestsCutOrStalledInTheMiddleOfAFrameHarmNoOtherClient() throws Exception {
        try (Orb server = Orb.builder().name("cut-server").build();
                Orb client = Orb.builder().name("good-client").sharedMemory(false).build()) {
            RemoteRef ref = server.export(new ShopImpl());
            int port = ref.endpoints().get(0).port();
            Shop shop = client.connect(ref, Shop.class);
            AtomicBoolean loading = new AtomicBoolean(true);
            AtomicInteger good = new AtomicInteger();
            CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
                while (loading.get()) {
                    assertEquals(42, shop.add(40, 2));
                    good.incrementAndGet();
                }
            });
            try (Socket stalled = new Socket("127.0.0.1", port)) {
                for (int i = 0; i < 20; i++) {
                    try (Socket cut = new Socket("127.0.0.1", port)) {
                        DataOutputStream out = new DataOutputStream(cut.getOutputStream());
                        out.writeInt(1_000);
                        out.write(new byte[10]);
                        out.flush();
                    }
                }
                DataOutputStream out = new DataOutputStream(stalled.getOutputStream());
                out.writeInt(1_000);
                out.write(new byte[500]);
                out.flush();
                int before = good.get();
                Thread.sleep(300);
                assertTrue(good.get() > before + 10, "the good client stalled: " + (good.get() - before) + " calls");
                loading.set(false);
                load.get(10, TimeUnit.SECONDS);
                long start = System.nanoTime();
                server.close();
                long closeMillis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(closeMillis < 3_000, "a half-sent request held graceful close for " + closeMillis + " ms");
            }
        }
    }

    /** Reads one request, then sends a reply frame's length and only part of its body; closes or stalls. */
    private static void answerHalfAFrame(ServerSocket fake, boolean thenClose) {
        try (Socket socket = fake.accept()) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] request = new byte[in.readInt()];
            in.readFully(request);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(100);
            out.write(request, 0, Math.min(10, request.length));
            out.flush();
            if (!thenClose) {
                in.read(); // until the client closes, or the test closes the server socket
            }
        } catch (java.io.IOException e) {
            // The client went away: that is the end of this peer either way.
        }
    }

    /** A figure for docs/robustness.md, in the test's output. */
    private static void figure(String what, long sinceNanos) {
        System.out.printf("FAULT FIGURE %s %d ms%n", what, (System.nanoTime() - sinceNanos) / 1_000_000);
    }

    private static void awaitZero(AtomicInteger counter, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (counter.get() != 0 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertEquals(0, counter.get(), "servant calls still running " + timeout.toMillis() + " ms after the kill");
    }

    private static <T extends Throwable> T causeOf(CompletableFuture<?> call, Class<T> type) throws Exception {
        try {
            call.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (type.isInstance(e.getCause())) {
                return type.cast(e.getCause());
            }
            throw new AssertionError("expected " + type.getSimpleName() + ", got " + e.getCause(), e.getCause());
        }
        throw new AssertionError("the call succeeded although its server was killed");
    }
}
