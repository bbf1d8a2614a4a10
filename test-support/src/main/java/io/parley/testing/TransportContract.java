package io.parley.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.parley.Completion;
import io.parley.Endpoint;
import io.parley.ErrorCode;
import io.parley.OrbException;
import io.parley.UnavailableException;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import io.parley.spi.transport.Listener;
import io.parley.spi.transport.Transport;
import io.parley.spi.transport.TransportSettings;
import io.parley.testing.RecordingFrameHandler.Close;
import io.parley.testing.RecordingFrameHandler.Frame;
import io.parley.testing.TaggedFrames.Tag;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link Transport} must show, whatever carries its frames. A transport proves itself by
 * extending this class and implementing {@link #newTransport}:
 *
 * <pre>{@code
 * class NettyTransportTest extends TransportContract {
 *     protected Transport newTransport(TransportSettings settings) {
 *         return new NettyTransport(settings);
 *     }
 * }
 * }</pre>
 *
 * <p>Each test runs a server transport and a client transport, as two processes would, over {@link #host()}.
 * After every test all transports are closed, and every {@link RecordingFrameHandler} must have seen its
 * connections opened once, closed once, and no callbacks out of order or overlapping. Besides the SPI's javadoc,
 * the suite pins down three behaviours: {@code send} returns {@code false} as soon as {@code close} was called;
 * a frame larger than {@code maxFrameBytes} is refused by {@code send} with {@link ErrorCode#RESOURCE_EXHAUSTED}
 * and leaves the connection open; and {@code Transport.close} is idempotent.
 */
@Timeout(60)
public abstract class TransportContract {
    private static final long TIMEOUT_SECONDS = RecordingFrameHandler.TIMEOUT.toSeconds();

    private final List<Transport> transports = new ArrayList<>();
    private final List<RecordingFrameHandler> handlers = new ArrayList<>();

    /** A new, independent transport (as if in another process) with these settings. */
    protected abstract Transport newTransport(TransportSettings settings);

    /** The host to listen on; loopback by default. */
    protected String host() {
        return "127.0.0.1";
    }

    /** The settings of the transports that tests create, unless a test needs its own. */
    protected TransportSettings settings() {
        return new TransportSettings(16 * 1024 * 1024, 0, 5_000, "contract");
    }

    @AfterEach
    final void closeTransportsAndCheckCallbacks() {
        closeTransports();
        transports.clear();
        for (RecordingFrameHandler handler : handlers) {
            handler.assertContractKept();
        }
    }

    // ---- frames ----

    // ---- synchronous calls (sendAndAwait) ----

    @Test
    void sendAndAwaitReturnsWithItsReplyDelivered() throws InterruptedException {
        AwaitingPair pair = awaitingPair();
        for (int i = 0; i < 500; i++) {
            CompletableFuture<Thread> reply = pair.replies.expect(new Tag(1, i));
            assertTrue(pair.clientSide.sendAndAwait(TaggedFrames.encode(1, i), reply, deadlineIn(10_000)));
            assertTrue(reply.isDone(), "sendAndAwait returned before reply " + i + " arrived");
        }
        assertTrue(pair.replies.unexpected().isEmpty(), "replies nobody awaited: " + pair.replies.unexpected());
    }

    @Test
    void sendAndAwaitFromManyThreadsBesideAsynchronousSendsDeliversEveryFrame() throws Exception {
        AwaitingPair pair = awaitingPair();
        int threads = 6;
        int calls = 300;
        List<CompletableFuture<Thread>> asynchronous = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            asynchronous.add(pair.replies.expect(new Tag(100, i)));
        }
        List<CompletableFuture<Void>> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int sender = t;
            callers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < calls; i++) {
                    CompletableFuture<Thread> reply = pair.replies.expect(new Tag(sender, i));
                    try {
                        assertTrue(pair.clientSide.sendAndAwait(TaggedFrames.encode(sender, i), reply,
                                deadlineIn(10_000)));
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    assertTrue(reply.isDone(), "caller " + sender + " returned before reply " + i);
                }
            }, runnable -> new Thread(runnable, "caller-" + sender).start()));
        }
        for (int i = 0; i < calls; i++) {
            assertTrue(pair.clientSide.send(TaggedFrames.encode(100, i)));
        }
        for (CompletableFuture<Void> caller : callers) {
            await(caller);
        }
        for (CompletableFuture<Thread> reply : asynchronous) {
            await(reply);
        }
        assertTrue(pair.replies.unexpected().isEmpty(), "replies nobody awaited: " + pair.replies.unexpected());
    }

    @Test
    void sendAndAwaitWithoutAReplyReturnsAtTheDeadline() throws InterruptedException {
        AwaitingPair pair = awaitingPair(recording());
        CompletableFuture<Thread> reply = pair.replies.expect(new Tag(1, 0));
        long start = System.nanoTime();
        assertTrue(pair.clientSide.sendAndAwait(TaggedFrames.encode(1, 0), reply, deadlineIn(300)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertFalse(reply.isDone());
        assertTrue(millis >= 290 && millis < 5_000, "returned after " + millis + " ms for a 300 ms deadline");
        assertEquals(new Tag(1, 0), TaggedFrames.decode(pair.server.awaitFrame().bytes()), "the frame was not sent");
    }

    @Test
    void peerCloseEndsAnAwaitedCallLongBeforeItsDeadline() throws Exception {
        AwaitingPair pair = awaitingPair(recording());
        CompletableFuture<Thread> reply = pair.replies.expect(new Tag(1, 0));
        CompletableFuture<Long> call = CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            try {
                pair.clientSide.sendAndAwait(TaggedFrames.encode(1, 0), reply, deadlineIn(30_000));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return (System.nanoTime() - start) / 1_000_000;
        }, runnable -> new Thread(runnable, "awaiting-caller").start());
        pair.server.awaitFrame();
        pair.serverSide.close();
        long millis = await(call);
        assertTrue(reply.isCompletedExceptionally(), "the close did not fail the awaited reply");
        assertTrue(millis < 5_000, "the caller waited " + millis + " ms after the peer closed");
    }

    @Test
    void sendAndAwaitOnAClosedConnectionReturnsFalse() throws InterruptedException {
        AwaitingPair pair = awaitingPair();
        pair.clientSide.close();
        CompletableFuture<Thread> reply = pair.replies.expect(new Tag(1, 0));
        assertFalse(pair.clientSide.sendAndAwait(TaggedFrames.encode(1, 0), reply, deadlineIn(1_000)));
        assertEquals(0, pair.server.framesWaiting());
    }

    @Test
    void interruptingAnAwaitingCallerThrowsInterruptedException() throws Exception {
        AwaitingPair pair = awaitingPair(recording());
        CompletableFuture<Thread> reply = pair.replies.expect(new Tag(1, 0));
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                pair.clientSide.sendAndAwait(TaggedFrames.encode(1, 0), reply, deadlineIn(30_000));
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        }, "interrupted-caller");
        caller.start();
        pair.server.awaitFrame();
        caller.interrupt();
        assertInstanceOf(InterruptedException.class, await(outcome));
    }

    /** A connected pair whose client side completes {@link AwaitedReplies}; the server echoes. */
    protected final AwaitingPair awaitingPair() {
        return awaitingPair(echoing());
    }

    private AwaitingPair awaitingPair(RecordingFrameHandler server) {
        AwaitedReplies replies = new AwaitedReplies();
        Listener listener = transport().listen(host(), 0, server);
        Connection clientSide = await(transport().connect(listener.endpoint(), replies));
        return new AwaitingPair(server, replies, server.awaitOpen(), clientSide);
    }

    protected record AwaitingPair(RecordingFrameHandler server, AwaitedReplies replies, Connection serverSide,
            Connection clientSide) {
    }

    private static long deadlineIn(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void framesFlowBothWaysWholeAndInOrder() {
        Pair pair = connectedPair();
        for (int i = 0; i < 100; i++) {
            assertTrue(pair.clientSide.send(TaggedFrames.encode(1, i)));
        }
        assertSequence(pair.server.awaitFrames(100), 1, 100);
        assertSequence(pair.client.awaitFrames(100), 1, 100);

        // The server also sends on its own, from a thread that is not the transport's.
        for (int i = 0; i < 100; i++) {
            assertTrue(pair.serverSide.send(TaggedFrames.encode(2, i)));
        }
        assertSequence(pair.client.awaitFrames(100), 2, 100);
    }

    @Test
    void emptyFrameArrivesAsAnEmptyFrame() {
        Pair pair = connectedPair();
        pair.clientSide.send(ByteBuffer.allocate(0));
        pair.clientSide.send(utf8("after"));
        assertEquals(0, pair.server.awaitFrame().bytes().length);
        assertEquals("after", text(pair.server.awaitFrame()));
        assertEquals(0, pair.client.awaitFrame().bytes().length);
        assertEquals("after", text(pair.client.awaitFrame()));
    }

    @Test
    void fourMegabyteFrameArrivesWhole() {
        Pair pair = connectedPair();
        byte[] big = new byte[4 * 1024 * 1024];
        new Random(42).nextBytes(big);
        pair.clientSide.send(ByteBuffer.wrap(big));
        assertArrayEquals(big, pair.server.awaitFrame().bytes());
        assertArrayEquals(big, pair.client.awaitFrame().bytes());
    }

    @Test
    void onlyTheRemainingBytesOfTheBufferAreSent() {
        Pair pair = connectedPair();
        ByteBuffer buffer = utf8("skip-keep-tail");
        buffer.position(5).limit(9);
        pair.clientSide.send(buffer);
        assertEquals("keep", text(pair.server.awaitFrame()));
    }

    @Test
    void callerMayReuseItsBufferOnceSendReturns() {
        Pair pair = connectedPair();
        ByteBuffer reused = ByteBuffer.allocate(TaggedFrames.MAX_FRAME);
        for (int i = 0; i < 500; i++) {
            TaggedFrames.encodeInto(reused, 3, i);
            pair.clientSide.send(reused);
        }
        // Overwrite once more: a transport still reading the buffer would now send these bytes.
        TaggedFrames.encodeInto(reused, 99, 99);
        assertSequence(pair.server.awaitFrames(500), 3, 500);
    }

    @Test
    void framesFromManyThreadsArriveWholeAndInOrder() throws Exception {
        int threads = 8;
        int perThread = 1000;
        Pair pair = connectedPair();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int sender = t;
            senders.add(CompletableFuture.runAsync(() -> {
                ByteBuffer reused = ByteBuffer.allocate(TaggedFrames.MAX_FRAME);
                awaitLatch(start);
                for (int i = 0; i < perThread; i++) {
                    TaggedFrames.encodeInto(reused, sender, i);
                    if (!pair.clientSide.send(reused)) {
                        throw new AssertionError("send returned false on an open connection");
                    }
                }
            }, runnable -> new Thread(runnable, "contract-sender-" + sender).start()));
        }
        start.countDown();
        for (CompletableFuture<Void> sender : senders) {
            sender.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        assertPerSenderOrder(pair.server.awaitFrames(threads * perThread), threads, perThread);
        assertPerSenderOrder(pair.client.awaitFrames(threads * perThread), threads, perThread);
    }

    @Test
    void frameOfMaxFrameBytesIsSentAndLargerOneIsRefused() {
        int max = 64 * 1024;
        TransportSettings small = new TransportSettings(max, 0, 5_000, "contract-small");
        Pair pair = connectedPair(transport(small), transport(small));

        OrbException refused = assertThrows(OrbException.class,
                () -> pair.clientSide.send(ByteBuffer.allocate(max + 1)));
        assertEquals(ErrorCode.RESOURCE_EXHAUSTED, refused.code());
        assertTrue(pair.clientSide.isOpen(), "a refused frame must not close the connection");

        byte[] largest = new byte[max];
        new Random(7).nextBytes(largest);
        assertTrue(pair.clientSide.send(ByteBuffer.wrap(largest)));
        assertArrayEquals(largest, pair.server.awaitFrame().bytes());
        assertArrayEquals(largest, pair.client.awaitFrame().bytes());
    }

    // ---- connections and listeners ----

    @Test
    void manyConnectionsToOneListenerKeepTheirFramesApart() {
        int connections = 16;
        int perConnection = 50;
        Transport server = transport();
        Transport client = transport();
        RecordingFrameHandler echo = echoing();
        Listener listener = server.listen(host(), 0, echo);
        List<RecordingFrameHandler> clients = new ArrayList<>();
        List<Connection> clientSides = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            RecordingFrameHandler handler = recording();
            clients.add(handler);
            clientSides.add(await(client.connect(listener.endpoint(), handler)));
        }
        for (int i = 0; i < perConnection; i++) {
            for (int c = 0; c < connections; c++) {
                clientSides.get(c).send(TaggedFrames.encode(c, i));
            }
        }
        for (int c = 0; c < connections; c++) {
            assertSequence(clients.get(c).awaitFrames(perConnection), c, perConnection);
        }
        Map<Connection, List<Frame>> byConnection = new IdentityHashMap<>();
        for (Frame frame : echo.awaitFrames(connections * perConnection)) {
            byConnection.computeIfAbsent(frame.connection(), k -> new ArrayList<>()).add(frame);
        }
        assertEquals(connections, byConnection.size());
        assertEquals(connections, echo.opened().size());
        for (List<Frame> frames : byConnection.values()) {
            assertSequence(frames, TaggedFrames.decode(frames.get(0).bytes()).sender(), perConnection);
        }
    }

    @Test
    void transportCanConnectToItsOwnListener() {
        Transport transport = transport();
        RecordingFrameHandler echo = echoing();
        RecordingFrameHandler client = recording();
        Listener listener = transport.listen(host(), 0, echo);
        Connection connection = await(transport.connect(listener.endpoint(), client));
        connection.send(utf8("self"));
        assertEquals("self", text(client.awaitFrame()));
    }

    @Test
    void listenOnPortZeroReportsTheRealPort() {
        Transport server = transport();
        Listener listener = server.listen(host(), 0, echoing());
        Endpoint endpoint = listener.endpoint();
        assertNotEquals(0, endpoint.port());
        assertEquals(server.name(), endpoint.transport());

        RecordingFrameHandler client = recording();
        Connection connection = await(transport().connect(endpoint, client));
        connection.send(utf8("found"));
        assertEquals("found", text(client.awaitFrame()));
    }

    @Test
    void listenOnAnAddressInUseFailsWithUnavailableNamingIt() {
        Listener first = transport().listen(host(), 0, recording());
        int port = first.endpoint().port();
        UnavailableException e = assertThrows(UnavailableException.class,
                () -> transport().listen(host(), port, recording()));
        assertTrue(e.getMessage().contains(String.valueOf(port)), e.getMessage());
    }

    @Test
    void connectToAClosedPortFailsWithUnavailableAndCompletionNo() {
        Listener listener = transport().listen(host(), 0, recording());
        Endpoint gone = listener.endpoint();
        listener.close();

        RecordingFrameHandler handler = recording();
        CompletableFuture<Connection> connecting = transport().connect(gone, handler);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> connecting.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        UnavailableException unavailable = assertInstanceOf(UnavailableException.class, e.getCause());
        assertEquals(Completion.NO, unavailable.completion());
        assertEquals(ErrorCode.UNAVAILABLE, unavailable.code());
        assertTrue(unavailable.getMessage().contains(String.valueOf(gone.port())), unavailable.getMessage());
        assertTrue(handler.opened().isEmpty(), "no onOpen for a connection that never opened");
    }

    @Test
    void closedListenerKeepsItsAcceptedConnectionsOpen() {
        Transport server = transport();
        RecordingFrameHandler echo = echoing();
        Listener listener = server.listen(host(), 0, echo);
        RecordingFrameHandler client = recording();
        Connection connection = await(transport().connect(listener.endpoint(), client));
        echo.awaitOpen();
        listener.close();
        connection.send(utf8("still here"));
        assertEquals("still here", text(client.awaitFrame()));
    }

    // ---- open and close ----

    @Test
    void onOpenRunsBeforeTheConnectFutureCompletes() {
        Transport server = transport();
        Listener listener = server.listen(host(), 0, recording());
        RecordingFrameHandler client = recording();
        Connection connection = await(transport().connect(listener.endpoint(), client));
        assertEquals(List.of(connection), client.opened());
        assertTrue(connection.isOpen());
    }

    @Test
    void clientCloseCallsOnCloseOnceOnBothSidesWithNoCause() {
        Pair pair = connectedPair();
        pair.clientSide.close();
        assertClosedInOrder(pair.client.awaitClose(), pair.clientSide);
        assertClosedInOrder(pair.server.awaitClose(), pair.serverSide);
        closeTransports();
        assertEquals(1, pair.client.closed().size());
        assertEquals(1, pair.server.closed().size());
    }

    @Test
    void serverCloseCallsOnCloseOnceOnBothSidesWithNoCause() {
        Pair pair = connectedPair();
        pair.serverSide.close();
        assertClosedInOrder(pair.server.awaitClose(), pair.serverSide);
        assertClosedInOrder(pair.client.awaitClose(), pair.clientSide);
        closeTransports();
        assertEquals(1, pair.client.closed().size());
        assertEquals(1, pair.server.closed().size());
    }

    @Test
    void sendAfterCloseReturnsFalse() {
        Pair pair = connectedPair();
        pair.clientSide.close();
        assertFalse(pair.clientSide.isOpen());
        assertFalse(pair.clientSide.send(utf8("too late")));

        pair.server.awaitClose();
        assertFalse(pair.serverSide.isOpen());
        assertFalse(pair.serverSide.send(utf8("too late")));
        assertEquals(0, pair.server.framesWaiting());
    }

    @Test
    void framesSentBeforeCloseAreDelivered() {
        assertFramesSentBeforeCloseArrive(recording());
    }

    @Test
    void framesSentBeforeCloseAreDeliveredWhileThePeerAnswers() {
        // The peer's answers reach a connection that is closing: unread, they would make its close a reset, and the
        // reset would drop the frames the peer has received and not read yet.
        assertFramesSentBeforeCloseArrive(acknowledging());
    }

    /** A client sends frames and closes at once: {@code receiver} gets them all, then an orderly close. */
    private void assertFramesSentBeforeCloseArrive(RecordingFrameHandler receiver) {
        // 16 MB: more than socket buffers hold, so the close must wait for frames still queued in the transport.
        int frames = 64;
        int size = 256 * 1024;
        Transport server = transport();
        Listener listener = server.listen(host(), 0, receiver);
        Connection connection = await(transport().connect(listener.endpoint(), recording()));
        for (int i = 0; i < frames; i++) {
            connection.send(ByteBuffer.wrap(randomBytes(i, size)));
        }
        connection.close();
        List<Frame> received = receiver.awaitFrames(frames);
        for (int i = 0; i < frames; i++) {
            assertArrayEquals(randomBytes(i, size), received.get(i).bytes(), "frame " + i);
        }
        assertNull(receiver.awaitClose().cause());
    }

    @Test
    void sendsRacingACloseEitherArriveInOrderOrReturnFalse() throws Exception {
        int threads = 4;
        Transport server = transport();
        RecordingFrameHandler receiver = recording();
        Listener listener = server.listen(host(), 0, receiver);
        Connection connection = await(transport().connect(listener.endpoint(), recording()));
        List<CompletableFuture<Integer>> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int sender = t;
            senders.add(CompletableFuture.supplyAsync(() -> {
                ByteBuffer reused = ByteBuffer.allocate(TaggedFrames.MAX_FRAME);
                for (int i = 0; i < 1_000_000; i++) {
                    TaggedFrames.encodeInto(reused, sender, i);
                    if (!connection.send(reused)) {
                        return i;
                    }
                }
                return -1;
            }, runnable -> new Thread(runnable, "contract-racer-" + sender).start()));
        }
        List<Frame> arrived = new ArrayList<>(receiver.awaitFrames(100));
        connection.close();
        int[] refusedAt = new int[threads];
        for (int t = 0; t < threads; t++) {
            refusedAt[t] = senders.get(t).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertTrue(refusedAt[t] >= 0, "send kept returning true after close");
        }
        receiver.awaitClose();
        arrived.addAll(receiver.awaitFrames(receiver.framesWaiting()));
        // Per sender: whole frames from 0 on, no gaps, and none of those send refused.
        int[] next = new int[threads];
        for (Frame frame : arrived) {
            Tag tag = TaggedFrames.decode(frame.bytes());
            assertEquals(next[tag.sender()], tag.sequence(), "frame lost or reordered before " + tag);
            next[tag.sender()]++;
        }
        for (int t = 0; t < threads; t++) {
            assertTrue(next[t] <= refusedAt[t], "sender " + t + ": a frame arrived although send returned false");
        }
    }

    @Test
    void executeRunsOnTheConnectionsThreadAfterTheCurrentFrame() {
        Transport server = transport();
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        FrameHandler handler = new FrameHandler() {
            @Override
            public void onFrame(Connection connection, ByteBuffer frame) {
                Thread frameThread = Thread.currentThread();
                connection.execute(() -> events.add(Thread.currentThread() == frameThread
                        ? "task on the frame's thread" : "task on " + Thread.currentThread().getName()));
                events.add("frame handled");
            }

            @Override
            public void onClose(Connection connection, Throwable cause) {
            }
        };
        Listener listener = server.listen(host(), 0, handler);
        Connection connection = await(transport().connect(listener.endpoint(), recording()));
        connection.send(utf8("go"));
        assertEquals("frame handled", take(events));
        assertEquals("task on the frame's thread", take(events));
    }

    @Test
    void closingTheClientTransportClosesItsConnections() {
        Transport server = transport();
        Transport client = transport();
        RecordingFrameHandler echo = echoing();
        RecordingFrameHandler clients = recording();
        Listener listener = server.listen(host(), 0, echo);
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            connections.add(await(client.connect(listener.endpoint(), clients)));
            echo.awaitOpen();
        }
        client.close();
        client.close(); // idempotent
        for (int i = 0; i < 3; i++) {
            echo.awaitClose();
            clients.awaitClose();
        }
        for (Connection connection : connections) {
            assertFalse(connection.isOpen());
            assertFalse(connection.send(utf8("after close")));
        }
    }

    @Test
    void closingTheServerTransportClosesItsListenerAndConnections() {
        Transport server = transport();
        Transport client = transport();
        RecordingFrameHandler echo = echoing();
        Listener listener = server.listen(host(), 0, echo);
        RecordingFrameHandler handler = recording();
        Connection connection = await(client.connect(listener.endpoint(), handler));
        echo.awaitOpen();
        server.close();
        handler.awaitClose();
        echo.awaitClose();
        assertFalse(connection.isOpen());
        CompletableFuture<Connection> again = client.connect(listener.endpoint(), recording());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> again.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(UnavailableException.class, e.getCause());
    }

    // ---- fixtures ----

    /** A client connection to an echoing server, both open; each side on its own transport. */
    protected record Pair(RecordingFrameHandler server, RecordingFrameHandler client, Connection serverSide,
            Connection clientSide) {
    }

    /** Connects a new client transport to an echoing listener of a new server transport. */
    protected final Pair connectedPair() {
        return connectedPair(transport(), transport());
    }

    /** Connects {@code clientTransport} to an echoing listener of {@code serverTransport}. */
    protected final Pair connectedPair(Transport serverTransport, Transport clientTransport) {
        RecordingFrameHandler server = echoing();
        RecordingFrameHandler client = recording();
        Listener listener = serverTransport.listen(host(), 0, server);
        Connection clientSide = await(clientTransport.connect(listener.endpoint(), client));
        Connection serverSide = server.awaitOpen();
        return new Pair(server, client, serverSide, clientSide);
    }

    /** A new transport with {@link #settings()}, closed after the test. */
    protected final Transport transport() {
        return transport(settings());
    }

    /** A new transport, closed after the test. */
    protected final Transport transport(TransportSettings settings) {
        Transport transport = newTransport(settings);
        transports.add(transport);
        return transport;
    }

    /** Closes every transport of the test now, newest first (the test checks what happened afterwards). */
    protected final void closeTransports() {
        for (int i = transports.size() - 1; i >= 0; i--) {
            transports.get(i).close();
        }
    }

    /** A recording handler whose contract is checked after the test. */
    protected final RecordingFrameHandler recording() {
        return checked(RecordingFrameHandler.recording());
    }

    /** An echoing handler whose contract is checked after the test. */
    protected final RecordingFrameHandler echoing() {
        return checked(RecordingFrameHandler.echoing());
    }

    /** A handler answering each frame with a small one, whose contract is checked after the test. */
    protected final RecordingFrameHandler acknowledging() {
        return checked(RecordingFrameHandler.acknowledging());
    }

    private RecordingFrameHandler checked(RecordingFrameHandler handler) {
        handlers.add(handler);
        return handler;
    }

    /** The future's value, failing the test after the timeout or with the future's exception. */
    protected static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("not done within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** {@code size} pseudo-random bytes, the same for the same seed. */
    protected static byte[] randomBytes(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    protected static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    protected static String text(Frame frame) {
        return new String(frame.bytes(), StandardCharsets.UTF_8);
    }

    /** Fails unless {@code frames} are exactly sender's frames 0 to count - 1, whole and in order. */
    protected static void assertSequence(List<Frame> frames, int sender, int count) {
        assertEquals(count, frames.size());
        for (int i = 0; i < count; i++) {
            assertEquals(new Tag(sender, i), TaggedFrames.decode(frames.get(i).bytes()));
        }
    }

    /** Fails unless each of {@code senders} sent exactly frames 0 to perSender - 1, whole and in its order. */
    protected static void assertPerSenderOrder(List<Frame> frames, int senders, int perSender) {
        int[] next = new int[senders];
        for (Frame frame : frames) {
            Tag tag = TaggedFrames.decode(frame.bytes());
            assertTrue(tag.sender() >= 0 && tag.sender() < senders, "unknown sender in " + tag);
            assertEquals(next[tag.sender()], tag.sequence(), "out of order: " + tag);
            next[tag.sender()]++;
        }
        for (int s = 0; s < senders; s++) {
            assertEquals(perSender, next[s], "frames from sender " + s);
        }
    }

    private static void assertClosedInOrder(Close close, Connection expected) {
        assertSame(expected, close.connection());
        assertNull(close.cause(), "an orderly close has no cause");
        assertFalse(expected.isOpen());
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("start signal not given");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String take(BlockingQueue<String> queue) {
        try {
            String item = queue.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (item == null) {
                fail("nothing happened within " + TIMEOUT_SECONDS + " s");
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
