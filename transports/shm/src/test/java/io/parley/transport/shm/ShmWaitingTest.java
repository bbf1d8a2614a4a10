package io.parley.transport.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Endpoint;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import io.parley.spi.transport.TransportSettings;
import io.parley.testing.RecordingFrameHandler;
import io.parley.testing.TaggedFrames;
import io.parley.transport.shm.internal.ShmConnection;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The receive thread's sleep and wake-up, and back-pressure between two receive threads, over real connections. */
@Timeout(30)
class ShmWaitingTest {
    @TempDir
    Path base;

    private ShmTransport transport(ShmSettings settings) {
        return new ShmTransport(new TransportSettings(16 * 1024 * 1024, 0, 5_000, "wait"),
                settings.withDirectory(base));
    }

    @Test
    void receiverThatKeepsFallingAsleepMissesNoFrame() throws InterruptedException {
        // No spin budget: the receive threads sleep whenever their ring is empty, so nearly every burst wakes them.
        ShmSettings sleepy = ShmSettings.defaults().withSpinNanos(0);
        try (ShmTransport server = transport(sleepy); ShmTransport client = transport(sleepy)) {
            RecordingFrameHandler echo = RecordingFrameHandler.echoing();
            RecordingFrameHandler replies = RecordingFrameHandler.recording();
            Endpoint endpoint = server.listen("127.0.0.1", 0, echo).endpoint();
            ShmConnection connection = (ShmConnection) client.connect(endpoint, replies).join();
            ShmConnection accepted = (ShmConnection) echo.awaitOpen();
            int frames = 3_000;
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < frames; ) {
                for (int burst = 1 + random.nextInt(5); burst > 0 && i < frames; burst--, i++) {
                    connection.send(TaggedFrames.encode(1, i));
                }
                if (random.nextInt(40) == 0) {
                    Thread.sleep(1); // long enough for any receiver, even one starved of CPU, to fall asleep
                }
                long pause = System.nanoTime() + random.nextInt(100_000);
                while (System.nanoTime() < pause) {
                    Thread.onSpinWait();
                }
            }
            java.util.List<RecordingFrameHandler.Frame> received = replies.awaitFrames(frames);
            for (int i = 0; i < frames; i++) {
                assertEquals(new TaggedFrames.Tag(1, i), TaggedFrames.decode(received.get(i).bytes()));
            }
            assertEquals(0, accepted.lostWakeUps() + connection.lostWakeUps(), "wake-ups lost");
            assertTrue(accepted.sleeps() > 10, "the server slept only " + accepted.sleeps() + " times");
        }
    }

    @Test
    void twoReceiveThreadsSendingLargeFramesToEachOtherDoNotDeadlock() throws Exception {
        // Small rings: each 1 MB frame is hundreds of fragments, so both rings fill while both receive threads send.
        ShmSettings small = ShmSettings.defaults().withRingBytes(16 * 1024).withSpinNanos(0);
        int hops = 20;
        CountDownLatch done = new CountDownLatch(2);
        FrameHandler bouncer = new FrameHandler() {
            @Override
            public void onFrame(Connection connection, ByteBuffer frame) {
                int left = frame.getInt(0);
                if (left == 0) {
                    done.countDown();
                    return;
                }
                ByteBuffer next = ByteBuffer.allocate(frame.remaining()).put(frame.duplicate()).flip();
                next.putInt(0, left - 1);
                connection.send(next);
            }

            @Override
            public void onClose(Connection connection, Throwable cause) {
            }
        };
        try (ShmTransport server = transport(small); ShmTransport client = transport(small)) {
            Endpoint endpoint = server.listen("127.0.0.1", 0, bouncer).endpoint();
            Connection connection = client.connect(endpoint, bouncer).join();
            for (int chain = 0; chain < 2; chain++) {
                ByteBuffer frame = ByteBuffer.allocate(1024 * 1024);
                frame.putInt(0, hops);
                connection.send(frame);
            }
            assertTrue(done.await(20, TimeUnit.SECONDS), "frames stopped bouncing: the receive threads deadlocked");
        }
    }
}
