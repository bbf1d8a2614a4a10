package io.parley.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Endpoint;
import io.parley.UnavailableException;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.Listener;
import io.parley.spi.transport.TransportSettings;
import io.parley.transport.netty.CallerDrivenTestPeers.Call;
import io.parley.transport.netty.CallerDrivenTestPeers.Client;
import io.parley.transport.netty.CallerDrivenTestPeers.EchoServer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The caller-driven client connections under concurrency: the lease, its hand-offs between synchronous callers, the
 * background driver for asynchronous calls, and connections the server closes while calls are in flight.
 */
@Timeout(120)
class CallerDrivenConnectionTest {
    private static final long CALL_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final NettyTransport server = new NettyTransport(settings("cd-server"), false);
    private final NettyTransport client = new NettyTransport(settings("cd-client"), true);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void close() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS), "test threads still running");
        client.close();
        server.close();
    }

    @Test
    @Timeout(30)
    void sequentialSynchronousRoundTripsReadTheirRepliesOnTheCallersThread() throws Exception {
        Client calls = new Client();
        Connection connection = connect(new EchoServer(0), calls);
        // Right after connecting, or after serving a follower, the background driver may hold the lease for a few
        // more microseconds: a caller that finds it taken waits as a follower. Once a caller found it free, it is
        // free for every following call, since nothing else needs the connection between them.
        int warmUp = 0;
        while (syncCall(connection, calls, "warm-up " + warmUp).readBy != Thread.currentThread()) {
            assertTrue(++warmUp < 100, "no call of 100 was read by its caller");
        }
        for (int i = 0; i < 200; i++) {
            Call call = syncCall(connection, calls, "call " + i);
            assertSame(Thread.currentThread(), call.readBy, "call " + i + " read by " + call.readBy);
        }
    }

    @Test
    @Timeout(30)
    void aClientThatListensForThePeersCallsStillReadsItsRepliesOnTheCallersThread() throws Exception {
        Client calls = new Client(true);
        Connection connection = connect(new EchoServer(0), calls);
        syncCall(connection, calls, "warm-up");
        int readByCaller = 0;
        for (int i = 0; i < 200; i++) {
            if (syncCall(connection, calls, "call " + i).readBy == Thread.currentThread()) {
                readByCaller++;
            }
        }
        // The background driver listens between calls only after a grace period: calls microseconds apart keep
        // reading for themselves (a pause longer than the grace, a collection, lets the driver read one reply).
        assertTrue(readByCaller >= 150, readByCaller + " of 200 calls read by their caller");
    }

    @Test
    @Timeout(30)
    void aListeningClientReadsWhatThePeerSendsWhileNoCallerDrives() throws Exception {
        Client calls = new Client(true);
        EchoServer echo = new EchoServer(0);
        Connection connection = connect(echo, calls);
        syncCall(connection, calls, "first");
        for (int i = 0; i < 3; i++) {
            Thread.sleep(20); // idle: no caller drives
            assertTrue(echo.lastOpened.send(CallerDrivenTestPeers.frame(-1, 0, bytes("from the server " + i))));
            Thread readBy = calls.unaskedReadBy.poll(10, TimeUnit.SECONDS);
            assertTrue(readBy != null && readBy != Thread.currentThread(), "read by " + readBy);
        }
    }

    @Test
    @Timeout(120)
    void manyThreadsMixingSynchronousAsynchronousAndOnewayFramesAllGetTheirOwnReplies() throws Exception {
        for (int iteration = 0; iteration < 5; iteration++) {
            Client calls = new Client();
            Connection connection = connect(new EchoServer(0), calls);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        syncCall(connection, calls, "sync " + thread + "/" + i);
                    }
                    return null;
                }));
            }
            for (int t = 0; t < 2; t++) {
                int thread = t;
                work.add(threads.submit(() -> {
                    List<Call> inFlight = new ArrayList<>();
                    List<String> expected = new ArrayList<>();
                    for (int i = 0; i < 500; i++) {
                        String text = "async " + thread + "/" + i;
                        inFlight.add(asyncCall(connection, calls, text));
                        expected.add(text);
                    }
                    for (int i = 0; i < inFlight.size(); i++) {
                        assertEquals(expected.get(i), text(inFlight.get(i).get(10, TimeUnit.SECONDS)));
                    }
                    return null;
                }));
            }
            work.add(threads.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    assertTrue(connection.send(CallerDrivenTestPeers.frame(-i, CallerDrivenTestPeers.NO_REPLY,
                            bytes("oneway " + i))));
                }
                return null;
            }));
            for (Future<?> done : work) {
                done.get(60, TimeUnit.SECONDS);
            }
            assertTrue(calls.pending.isEmpty(), "calls left pending: " + calls.pending.size());
            connection.close();
        }
    }

    @Test
    @Timeout(120)
    void connectionsTheServerClosesMidwayFailEveryCallWithUnavailableAndNeverHang() throws Exception {
        for (int iteration = 0; iteration < 10; iteration++) {
            Client calls = new Client();
            Connection connection = connect(new EchoServer(200 + ThreadLocalRandom.current().nextInt(800)), calls);
            AtomicInteger answered = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        String text = "sync " + thread + "/" + i;
                        Call call = calls.newCall();
                        long deadline = System.nanoTime() + CALL_TIMEOUT_NANOS;
                        boolean sent = connection.sendAndAwait(frame(call, text), call, deadline);
                        assertTrue(call.isDone() || !sent, "a sent call neither answered nor failed: a hang");
                        if (sent && !call.isCompletedExceptionally()) {
                            assertEquals(text, text(call.get()));
                            answered.incrementAndGet();
                        } else {
                            calls.pending.remove(call.sequenceId);
                            if (sent) {
                                ExecutionException e = assertThrows(ExecutionException.class, call::get);
                                assertInstanceOf(UnavailableException.class, e.getCause());
                            }
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            work.add(threads.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    Call call = asyncCall(connection, calls, "async " + i);
                    try {
                        assertEquals("async " + i, text(call.get(10, TimeUnit.SECONDS)));
                    } catch (ExecutionException e) {
                        assertInstanceOf(UnavailableException.class, e.getCause());
                    }
                }
                return null;
            }));
            for (Future<?> done : work) {
                done.get(60, TimeUnit.SECONDS);
            }
            assertTrue(failed.get() > 0, "the server closed the connection, so some calls must have failed");
            assertFalse(connection.isOpen());
        }
    }

    @Test
    @Timeout(30)
    void aConnectionTheServerClosedWhileIdleRefusesTheNextCallUnsent() throws Exception {
        Client calls = new Client();
        EchoServer echo = new EchoServer(2);
        Connection connection = connect(echo, calls);
        syncCall(connection, calls, "one");
        syncCall(connection, calls, "two"); // the server closes the connection after answering this one
        Thread.sleep(200); // the close reaches the client's socket; nobody reads it while the connection is idle
        Call call = calls.newCall();
        assertFalse(connection.sendAndAwait(frame(call, "three"), call, System.nanoTime() + CALL_TIMEOUT_NANOS),
                "a call must not be written into a connection the server closed");
        assertFalse(connection.isOpen());
    }

    @Test
    @Timeout(30)
    void aFrameSentOnAConnectionTheServerClosedWhileIdleIsRefused() throws Exception {
        Client calls = new Client();
        Connection connection = connect(new EchoServer(1), calls);
        syncCall(connection, calls, "one"); // the server closes the connection after answering it
        Thread.sleep(200);
        assertFalse(connection.send(CallerDrivenTestPeers.frame(0, CallerDrivenTestPeers.NO_REPLY, bytes("late"))),
                "an asynchronous or oneway frame must not be written into a connection the server closed");
        assertFalse(connection.isOpen());
    }

    @Test
    @Timeout(30)
    void aCallWithoutReplyReturnsAtItsDeadline() throws Exception {
        Client calls = new Client();
        Connection connection = connect(new EchoServer(0), calls);
        Call call = calls.newCall();
        long start = System.nanoTime();
        assertTrue(connection.sendAndAwait(CallerDrivenTestPeers.frame(call.sequenceId,
                CallerDrivenTestPeers.NO_REPLY, bytes("silence")), call, start + TimeUnit.MILLISECONDS.toNanos(200)));
        assertFalse(call.isDone());
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200));
        calls.pending.remove(call.sequenceId);
        syncCall(connection, calls, "still usable");
    }

    @Test
    @Timeout(30)
    void anInterruptedCallerStopsWaitingAndKeepsItsInterruptVisible() throws Exception {
        Client calls = new Client();
        Connection connection = connect(new EchoServer(0), calls);
        syncCall(connection, calls, "warm-up");
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            Call call = calls.newCall();
            started.countDown();
            try {
                connection.sendAndAwait(CallerDrivenTestPeers.frame(call.sequenceId, CallerDrivenTestPeers.NO_REPLY,
                        bytes("silence")), call, System.nanoTime() + CALL_TIMEOUT_NANOS);
                outcome.set(new AssertionError("returned without the interrupt"));
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        caller.start();
        started.await();
        Thread.sleep(100);
        caller.interrupt();
        caller.join(5_000);
        assertFalse(caller.isAlive(), "the interrupted caller still waits");
        assertInstanceOf(InterruptedException.class, outcome.get());
        syncCall(connection, calls, "the lease was given back");
    }

    private Connection connect(EchoServer echo, Client calls) throws Exception {
        Listener listener = server.listen("127.0.0.1", 0, echo);
        return client.connect(new Endpoint(Endpoint.TCP, "127.0.0.1", listener.endpoint().port()), calls)
                .get(10, TimeUnit.SECONDS);
    }

    private static Call syncCall(Connection connection, Client calls, String text) throws Exception {
        Call call = calls.newCall();
        assertTrue(connection.sendAndAwait(frame(call, text), call, System.nanoTime() + CALL_TIMEOUT_NANOS),
                "not sent: " + text);
        assertTrue(call.isDone(), "no answer within the deadline: " + text);
        assertEquals(text, text(call.get()));
        return call;
    }

    private static Call asyncCall(Connection connection, Client calls, String text) {
        Call call = calls.newCall();
        if (!connection.send(frame(call, text))) {
            calls.pending.remove(call.sequenceId);
            call.completeExceptionally(new UnavailableException(io.parley.Completion.NO, "not sent"));
        }
        return call;
    }

    private static ByteBuffer frame(Call call, String text) {
        return CallerDrivenTestPeers.frame(call.sequenceId, 0, bytes(text));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }

    private static TransportSettings settings(String prefix) {
        return new TransportSettings(1024 * 1024, 0, 5_000, prefix);
    }
}
