package io.parley.transport.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Endpoint;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import io.parley.spi.transport.TransportSettings;
import io.parley.testing.AwaitedReplies;
import io.parley.testing.TaggedFrames;
import io.parley.testing.TaggedFrames.Tag;
import io.parley.transport.shm.internal.ShmConnection;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servant calls that frames ask for through {@link Connection#executeServant} run on the receive thread that read
 * them, after its batch; one that blocks is relieved by the stall watch (a new receive thread reads meanwhile), so
 * it holds up its own call only, even when it waits for another call of the same client.
 */
@Timeout(30)
class ShmInlineServantsTest {
    /** Frames of this sender are the server's callbacks to the client, which echoes them. */
    private static final int CALLBACK = 99;
    private static final String SERVER = "inl-srv";

    @TempDir
    Path base;

    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "servant-executor");
        thread.setDaemon(true);
        return thread;
    });

    @AfterEach
    void stopExecutor() throws InterruptedException {
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS), "servant executor threads still running");
    }

    private ShmTransport transport(String prefix) {
        return new ShmTransport(new TransportSettings(16 * 1024 * 1024, 0, 5_000, prefix),
                ShmSettings.defaults().withDirectory(base));
    }

    /** What a servant does for the frame tagged {@code tag} before the frame is echoed as its answer. */
    private interface Servant {
        void serve(ShmConnection connection, Tag tag) throws Exception;
    }

    /**
     * A server handler that serves every frame with a servant call given to {@code executeServant}, then echoes it;
     * frames tagged {@link #CALLBACK} are replies to the server's own callbacks and complete {@link #callbacks}.
     */
    private final class ServingHandler implements FrameHandler {
        final Servant servant;
        final AwaitedReplies callbacks = new AwaitedReplies();
        final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        final AtomicInteger closes = new AtomicInteger();
        final CompletableFuture<ShmConnection> opened = new CompletableFuture<>();

        ServingHandler(Servant servant) {
            this.servant = servant;
        }

        @Override
        public void onOpen(Connection connection) {
            opened.complete((ShmConnection) connection);
        }

        @Override
        public void onFrame(Connection connection, ByteBuffer frame) {
            byte[] bytes = new byte[frame.remaining()];
            frame.get(bytes);
            Tag tag = TaggedFrames.decode(bytes);
            if (tag.sender() == CALLBACK) {
                callbacks.onFrame(connection, ByteBuffer.wrap(bytes));
                return;
            }
            connection.executeServant(() -> {
                try {
                    servant.serve((ShmConnection) connection, tag);
                } catch (Throwable e) {
                    failures.add(e);
                }
                connection.send(ByteBuffer.wrap(bytes));
            }, executor);
        }

        @Override
        public void onClose(Connection connection, Throwable cause) {
            closes.incrementAndGet();
        }
    }

    /** A client handler that echoes the server's callbacks and hands every other frame to {@code replies}. */
    private static FrameHandler echoingCallbacks(AwaitedReplies replies) {
        return new FrameHandler() {
            @Override
            public void onFrame(Connection connection, ByteBuffer frame) {
                if (frame.getInt(frame.position()) == CALLBACK) {
                    ByteBuffer copy = ByteBuffer.allocate(frame.remaining()).put(frame).flip();
                    connection.send(copy);
                } else {
                    replies.onFrame(connection, frame);
                }
            }

            @Override
            public void onClose(Connection connection, Throwable cause) {
                replies.onClose(connection, cause);
            }
        };
    }

    @Test
    void sequentialCallsRunOnTheReceiveThread() throws Exception {
        Map<Integer, Thread> servedOn = new ConcurrentHashMap<>();
        Map<Integer, Thread> receiverThen = new ConcurrentHashMap<>();
        ServingHandler serving = new ServingHandler((connection, tag) -> {
            servedOn.put(tag.sequence(), Thread.currentThread());
            receiverThen.put(tag.sequence(), connection.receiveThread());
        });
        try (ShmTransport server = transport(SERVER); ShmTransport client = transport("inl-cli")) {
            Endpoint endpoint = server.listen("127.0.0.1", 0, serving).endpoint();
            AwaitedReplies replies = new AwaitedReplies();
            Connection connection = client.connect(endpoint, replies).join();
            ShmConnection accepted = serving.opened.get(10, TimeUnit.SECONDS);
            // Counted until enough ran inline: a stall of this machine (over the 1 ms budget) sends calls to the
            // executor for a second, which only a relief may cause.
            int inline = 0;
            int calls = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (inline < 300 && System.nanoTime() < deadline) {
                CompletableFuture<Thread> reply = replies.expect(new Tag(1, calls));
                assertTrue(connection.sendAndAwait(TaggedFrames.encode(1, calls), reply, deadlineIn(5_000)));
                assertTrue(reply.isDone(), "no answer to call " + calls);
                Thread thread = servedOn.get(calls);
                if (thread == receiverThen.get(calls)) {
                    assertTrue(thread.getName().startsWith(SERVER + "-shm-"), thread.getName());
                    inline++;
                } else {
                    assertEquals("servant-executor", thread.getName());
                    assertTrue(accepted.reliefs() > 0, "call " + calls + " ran on " + thread.getName()
                            + " though no run was relieved");
                }
                calls++;
            }
            assertEquals(300, inline, "calls run on the receive thread, of " + calls);
            assertTrue(serving.failures.isEmpty(), serving.failures.toString());
        }
    }

    @Test
    void blockedServantHoldsUpOnlyItsOwnCall() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        Map<Integer, Thread> servedOn = new ConcurrentHashMap<>();
        Map<Integer, Thread> receiverThen = new ConcurrentHashMap<>();
        ServingHandler serving = new ServingHandler((connection, tag) -> {
            servedOn.put(tag.sender(), Thread.currentThread());
            receiverThen.put(tag.sender(), connection.receiveThread());
            if (tag.sender() == 1) {
                entered.countDown();
                assertTrue(gate.await(20, TimeUnit.SECONDS));
            }
        });
        try (ShmTransport server = transport(SERVER); ShmTransport client = transport("inl-cli")) {
            Endpoint endpoint = server.listen("127.0.0.1", 0, serving).endpoint();
            AwaitedReplies replies = new AwaitedReplies();
            Connection connection = client.connect(endpoint, replies).join();
            ShmConnection accepted = serving.opened.get(10, TimeUnit.SECONDS);

            CompletableFuture<Thread> blocked = replies.expect(new Tag(1, 0));
            CompletableFuture<Void> blockedCaller = callOnNewThread(connection, new Tag(1, 0), blocked);
            assertTrue(entered.await(10, TimeUnit.SECONDS), "the first call never reached its servant");
            CompletableFuture<Thread> other = replies.expect(new Tag(2, 0));
            assertTrue(connection.sendAndAwait(TaggedFrames.encode(2, 0), other, deadlineIn(5_000)));

            assertTrue(other.isDone(), "the second call waited for the blocked one");
            assertFalse(blocked.isDone(), "the blocked call was answered before its servant was released");
            assertSame(receiverThen.get(1), servedOn.get(1), "the first call did not run on the receive thread");
            assertNotSame(servedOn.get(1), accepted.receiveThread(), "the blocked thread still has the duty");
            assertTrue(accepted.reliefs() >= 1, "the blocked run was not relieved");
            gate.countDown();
            blockedCaller.get(10, TimeUnit.SECONDS);
            assertTrue(blocked.isDone());
            assertTrue(serving.failures.isEmpty(), serving.failures.toString());
            assertTrue(replies.unexpected().isEmpty(), "answers nobody awaited: " + replies.unexpected());
        }
    }

    @Test
    void servantWaitingForAnotherCallOfTheSameClientDoesNotDeadlock() throws Exception {
        CountDownLatch secondServed = new CountDownLatch(1);
        ServingHandler serving = new ServingHandler((connection, tag) -> {
            if (tag.sender() == 1) {
                assertTrue(secondServed.await(20, TimeUnit.SECONDS), "the second call never ran");
            } else {
                secondServed.countDown();
            }
        });
        try (ShmTransport server = transport(SERVER); ShmTransport client = transport("inl-cli")) {
            Endpoint endpoint = server.listen("127.0.0.1", 0, serving).endpoint();
            AwaitedReplies replies = new AwaitedReplies();
            Connection connection = client.connect(endpoint, replies).join();
            // Sent together, so that one batch of the receive thread usually defers both.
            CompletableFuture<Thread> first = replies.expect(new Tag(1, 0));
            CompletableFuture<Thread> second = replies.expect(new Tag(2, 0));
            assertTrue(connection.send(TaggedFrames.encode(1, 0)));
            assertTrue(connection.send(TaggedFrames.encode(2, 0)));
            second.get(10, TimeUnit.SECONDS);
            first.get(10, TimeUnit.SECONDS);
            assertTrue(serving.failures.isEmpty(), serving.failures.toString());
        }
    }

    @Test
    void servantCallsBackOverTheSameConnection() throws Exception {
        Map<Integer, Thread> servedOn = new ConcurrentHashMap<>();
        Map<Integer, Thread> callbackReadBy = new ConcurrentHashMap<>();
        Map<Integer, Thread> receiverThen = new ConcurrentHashMap<>();
        ServingHandler[] self = new ServingHandler[1];
        ServingHandler serving = new ServingHandler((connection, tag) -> {
            servedOn.put(tag.sequence(), Thread.currentThread());
            receiverThen.put(tag.sequence(), connection.receiveThread());
            Tag callback = new Tag(CALLBACK, tag.sequence());
            CompletableFuture<Thread> reply = self[0].callbacks.expect(callback);
            assertTrue(connection.sendAndAwait(TaggedFrames.encode(CALLBACK, tag.sequence()), reply,
                    deadlineIn(5_000)), "the callback was not sent");
            callbackReadBy.put(tag.sequence(), reply.get(5, TimeUnit.SECONDS));
        });
        self[0] = serving;
        try (ShmTransport server = transport(SERVER); ShmTransport client = transport("inl-cli")) {
            Endpoint endpoint = server.listen("127.0.0.1", 0, serving).endpoint();
            AwaitedReplies replies = new AwaitedReplies();
            Connection connection = client.connect(endpoint, echoingCallbacks(replies)).join();
            ShmConnection accepted = serving.opened.get(10, TimeUnit.SECONDS);
            int calls = 200;
            int inline = 0;
            for (int i = 0; i < calls; i++) {
                CompletableFuture<Thread> reply = replies.expect(new Tag(1, i));
                assertTrue(connection.sendAndAwait(TaggedFrames.encode(1, i), reply, deadlineIn(5_000)));
                assertTrue(reply.isDone(), "no answer to call " + i);
                if (servedOn.get(i) == receiverThen.get(i)) {
                    inline++;
                }
            }
            assertTrue(serving.failures.isEmpty(), serving.failures.toString());
            assertEquals(calls, callbackReadBy.size());
            if (accepted.reliefs() == 0) {
                // Nobody else read meanwhile: each servant led and read its callback's reply itself.
                assertEquals(calls, inline, "calls run on the receive thread");
                for (int i = 0; i < calls; i++) {
                    assertSame(servedOn.get(i), callbackReadBy.get(i), "callback reply " + i);
                }
            } else {
                assertTrue(inline > 0, "no call ran on the receive thread");
            }
        }
    }

    @Test
    void manyCallersWithSomeBlockingServantsEachAnsweredOnce() throws Exception {
        Map<Tag, AtomicInteger> served = new ConcurrentHashMap<>();
        ServingHandler serving = new ServingHandler((connection, tag) -> {
            served.computeIfAbsent(tag, t -> new AtomicInteger()).incrementAndGet();
            if (tag.sequence() % 50 == 7) {
                Thread.sleep(3); // a servant that blocks now and then
            } else if (tag.sequence() % 50 == 31) {
                long until = System.nanoTime() + 200_000; // a slow one that computes
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
        });
        try (ShmTransport server = transport(SERVER); ShmTransport client = transport("inl-cli")) {
            Endpoint endpoint = server.listen("127.0.0.1", 0, serving).endpoint();
            AwaitedReplies replies = new AwaitedReplies();
            ShmConnection connection = (ShmConnection) client.connect(endpoint, replies).join();
            ShmConnection accepted = serving.opened.get(10, TimeUnit.SECONDS);
            int callers = 8;
            int calls = 250;
            List<CompletableFuture<Void>> running = new ArrayList<>();
            Queue<CompletableFuture<Thread>> answers = new ConcurrentLinkedQueue<>();
            for (int c = 0; c < callers; c++) {
                int sender = c;
                running.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < calls; i++) {
                        Tag tag = new Tag(sender, i);
                        CompletableFuture<Thread> reply = replies.expect(tag);
                        answers.add(reply);
                        try {
                            if (i % 10 == 3) {
                                assertTrue(connection.send(TaggedFrames.encode(sender, i))); // not waited for here
                            } else {
                                assertTrue(connection.sendAndAwait(TaggedFrames.encode(sender, i), reply,
                                        deadlineIn(10_000)));
                                assertTrue(reply.isDone(), tag + " not answered");
                            }
                        } catch (InterruptedException e) {
                            throw new AssertionError(e);
                        }
                    }
                }, runnable -> new Thread(runnable, "caller-" + sender).start()));
            }
            for (CompletableFuture<Void> caller : running) {
                caller.get(20, TimeUnit.SECONDS);
            }
            for (CompletableFuture<Thread> answer : answers) {
                answer.get(10, TimeUnit.SECONDS); // the asynchronous ones may still be on their way
            }
            assertEquals(callers * calls, served.size(), "calls served");
            served.forEach((tag, times) -> assertEquals(1, times.get(), tag + " served more than once"));
            // Every answer came once: a second one would find no future expecting it.
            Thread.sleep(20);
            assertTrue(replies.unexpected().isEmpty(), "answers nobody awaited: " + replies.unexpected());
            assertTrue(serving.failures.isEmpty(), serving.failures.toString());
            assertEquals(0, connection.lostWakeUps(), "client wake-ups lost");
            assertEquals(0, accepted.lostWakeUps(), "server wake-ups lost");
            assertTrue(accepted.reliefs() > 0, "no blocking servant was relieved");
        }
    }

    @Test
    void closingWhileAServantBlocksClosesOnce() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        ServingHandler serving = new ServingHandler((connection, tag) -> {
            entered.countDown();
            gate.await(20, TimeUnit.SECONDS);
        });
        ShmTransport server = transport(SERVER);
        try (ShmTransport client = transport("inl-cli")) {
            Endpoint endpoint = server.listen("127.0.0.1", 0, serving).endpoint();
            AwaitedReplies replies = new AwaitedReplies();
            Connection connection = client.connect(endpoint, replies).join();
            ShmConnection accepted = serving.opened.get(10, TimeUnit.SECONDS);
            CompletableFuture<Thread> reply = replies.expect(new Tag(1, 0));
            assertTrue(connection.send(TaggedFrames.encode(1, 0)));
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (accepted.reliefs() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertTrue(accepted.reliefs() >= 1, "the blocked run was not relieved");

            long start = System.nanoTime();
            server.close();
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3),
                    "closing waited for the blocked servant");
            assertTrue(accepted.terminated());
            assertEquals(1, serving.closes.get());
            replies.closed().get(10, TimeUnit.SECONDS);
            gate.countDown();
            Thread.sleep(50); // the servant's answer finds the connection closed
            assertFalse(reply.isDone() && !reply.isCompletedExceptionally(), "answered after the close");
            assertEquals(1, serving.closes.get(), "onClose ran again");
        } finally {
            gate.countDown();
            server.close();
        }
    }

    private static CompletableFuture<Void> callOnNewThread(Connection connection, Tag tag,
            CompletableFuture<Thread> reply) {
        return CompletableFuture.runAsync(() -> {
            try {
                assertTrue(connection.sendAndAwait(TaggedFrames.encode(tag.sender(), tag.sequence()), reply,
                        deadlineIn(15_000)));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }, runnable -> new Thread(runnable, "caller-" + tag.sender()).start());
    }

    private static long deadlineIn(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
