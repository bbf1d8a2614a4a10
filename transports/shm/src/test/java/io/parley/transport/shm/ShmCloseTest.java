package io.parley.transport.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Endpoint;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import io.parley.spi.transport.TransportSettings;
import io.parley.testing.RecordingFrameHandler;
import io.parley.testing.TaggedFrames;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A close is visible to the peer's senders through shared memory at once, before the peer's receive thread hears of
 * it: a frame the peer then cannot send is certainly not delivered (a caller reports such a call as not run).
 */
@Timeout(30)
class ShmCloseTest {
    @TempDir
    Path base;

    @Test
    void peerSeesTheCloseBeforeItsReceiveThreadDoes() throws Exception {
        CountDownLatch receiveThreadStuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Throwable> clientClosed = new CompletableFuture<>();
        FrameHandler stuckClient = new FrameHandler() {
            @Override
            public void onFrame(Connection connection, ByteBuffer frame) {
                receiveThreadStuck.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void onClose(Connection connection, Throwable cause) {
                clientClosed.complete(cause);
            }
        };
        TransportSettings settings = new TransportSettings(16 * 1024 * 1024, 0, 5_000, "close");
        try (ShmTransport server = new ShmTransport(settings, ShmSettings.defaults().withDirectory(base));
                ShmTransport client = new ShmTransport(settings, ShmSettings.defaults().withDirectory(base))) {
            RecordingFrameHandler echo = RecordingFrameHandler.echoing();
            Endpoint endpoint = server.listen("127.0.0.1", 0, echo).endpoint();
            Connection connection = client.connect(endpoint, stuckClient).join();
            Connection accepted = echo.awaitOpen();
            assertTrue(connection.send(TaggedFrames.encode(1, 0)));
            assertTrue(receiveThreadStuck.await(10, TimeUnit.SECONDS), "the echo never reached the client");

            accepted.close();

            assertFalse(connection.isOpen(), "the client still takes the connection for open");
            assertFalse(connection.send(TaggedFrames.encode(1, 1)), "a frame was written after the server closed");
            release.countDown();
            assertNull(clientClosed.get(10, TimeUnit.SECONDS), "an orderly close reports no cause");
            assertEquals(1, echo.awaitFrames(1).size());
            Thread.sleep(50);
            assertEquals(0, echo.framesWaiting(), "the server received a frame sent after its close");
        }
    }
}
