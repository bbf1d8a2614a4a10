package io.parley.transport.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Endpoint;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import io.parley.spi.transport.TransportSettings;
import io.parley.testing.AwaitedReplies;
import io.parley.testing.RecordingFrameHandler;
import io.parley.testing.TaggedFrames;
import io.parley.testing.TaggedFrames.Tag;
import io.parley.transport.shm.internal.ShmConnection;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Synchronous callers read their replies from the ring themselves (no hand-off), and the hand-over of the reading
 * role between leading callers and a sleeping receive thread loses no frame and no wake-up.
 */
@Timeout(60)
class ShmCallerDrivenTest {
    @TempDir
    Path base;

    private ShmTransport transport(ShmSettings settings) {
        return new ShmTransport(new TransportSettings(16 * 1024 * 1024, 0, 5_000, "lead"),
                settings.withDirectory(base));
    }

    @Test
    void sequentialCallerReadsItsOwnReplies() throws InterruptedException {
        // A generous spin budget, so that a reply comes within it even on a busy machine.
        ShmSettings patient = ShmSettings.defaults().withSpinNanos(TimeUnit.MILLISECONDS.toNanos(20));
        try (ShmTransport server = transport(patient); ShmTransport client = transport(patient)) {
            Endpoint endpoint = server.listen("127.0.0.1", 0, RecordingFrameHandler.echoing()).endpoint();
            AwaitedReplies replies = new AwaitedReplies();
            Connection connection = client.connect(endpoint, replies).join();
            int calls = 400;
            int onCaller = 0;
            for (int i = 0; i < calls; i++) {
                CompletableFuture<Thread> reply = replies.expect(new Tag(1, i));
                assertTrue(connection.sendAndAwait(TaggedFrames.encode(1, i), reply, deadlineIn(10_000)));
                if (reply.join() == Thread.currentThread()) {
                    onCaller++;
                }
            }
            assertTrue(onCaller >= calls * 9 / 10, "only " + onCaller + " of " + calls
                    + " replies were read by the caller itself");
        }
    }

    @Test
    void leadingCallersAndASleepingReceiverLoseNothing() throws Exception {
        // A spin budget of a few microseconds: callers often give up leading before their reply comes, so the
        // receive thread, asleep meanwhile, must be woken for it; asynchronous frames arrive in between.
        ShmSettings brief = ShmSettings.defaults().withSpinNanos(3_000);
        FrameHandler slowEcho = new FrameHandler() {
            @Override
            public void onFrame(Connection connection, ByteBuffer frame) {
                long until = System.nanoTime() + ThreadLocalRandom.current().nextInt(30_000);
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                connection.send(frame);
            }

            @Override
            public void onClose(Connection connection, Throwable cause) {
            }
        };
        try (ShmTransport server = transport(brief); ShmTransport client = transport(brief)) {
            Endpoint endpoint = server.listen("127.0.0.1", 0, slowEcho).endpoint();
            AwaitedReplies replies = AwaitedReplies.onlyWhileExpected();
            ShmConnection connection = (ShmConnection) client.connect(endpoint, replies).join();
            int threads = 4;
            int calls = 500;
            List<CompletableFuture<Thread>> asynchronous = new ArrayList<>();
            List<CompletableFuture<Void>> callers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int sender = t;
                callers.add(CompletableFuture.runAsync(() -> call(connection, replies, sender, calls),
                        runnable -> new Thread(runnable, "caller-" + sender).start()));
            }
            for (int i = 0; i < calls; i++) {
                asynchronous.add(replies.expect(new Tag(100, i)));
                assertTrue(connection.send(TaggedFrames.encode(100, i)));
                if (i % 50 == 0) {
                    Thread.sleep(1); // lets the receive thread fall asleep between bursts
                }
            }
            for (CompletableFuture<Void> caller : callers) {
                caller.get(30, TimeUnit.SECONDS);
            }
            for (CompletableFuture<Thread> reply : asynchronous) {
                reply.get(10, TimeUnit.SECONDS);
            }
            assertTrue(replies.unexpected().isEmpty(), "replies nobody awaited: " + replies.unexpected());
            assertEquals(0, connection.lostWakeUps(), "wake-ups lost");
        }
    }

    @Test
    void aFrameSentAfterALeadThatAwaitedNothingIsStillRead() throws Exception {
        // A lead that ends with nothing awaited leaves the sleeping receive thread unannounced (no doorbell for the
        // peer to ring); a call sent afterwards without leading must arm it, or its reply waits for the receive
        // thread's safety wake-up, a second later.
        try (ShmTransport server = transport(ShmSettings.defaults());
                ShmTransport client = transport(ShmSettings.defaults())) {
            Endpoint endpoint = server.listen("127.0.0.1", 0, RecordingFrameHandler.echoing()).endpoint();
            AwaitedReplies replies = AwaitedReplies.onlyWhileExpected();
            ShmConnection connection = (ShmConnection) client.connect(endpoint, replies).join();
            long slowest = 0;
            for (int i = 0; i < 20; i++) {
                CompletableFuture<Thread> led = replies.expect(new Tag(1, i));
                assertTrue(connection.sendAndAwait(TaggedFrames.encode(1, i), led, deadlineIn(10_000)));
                assertTrue(led.isDone(), "the leading caller returned before its reply");
                Thread.sleep(2); // past the spin budget: nobody reads now
                CompletableFuture<Thread> sent = replies.expect(new Tag(2, i));
                long start = System.nanoTime();
                assertTrue(connection.send(TaggedFrames.encode(2, i)));
                sent.get(10, TimeUnit.SECONDS);
                slowest = Math.max(slowest, System.nanoTime() - start);
            }
            assertTrue(slowest < TimeUnit.MILLISECONDS.toNanos(300), "a reply took "
                    + TimeUnit.NANOSECONDS.toMillis(slowest) + " ms: the receive thread was not woken for it");
            assertEquals(0, connection.lostWakeUps(), "wake-ups lost");
        }
    }

    private static void call(Connection connection, AwaitedReplies replies, int sender, int calls) {
        for (int i = 0; i < calls; i++) {
            CompletableFuture<Thread> reply = replies.expect(new Tag(sender, i));
            try {
                assertTrue(connection.sendAndAwait(TaggedFrames.encode(sender, i), reply, deadlineIn(10_000)));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertTrue(reply.isDone(), "caller " + sender + " returned before reply " + i + " came");
        }
    }

    private static long deadlineIn(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
