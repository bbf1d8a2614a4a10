package io.parley.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Completion;
import io.parley.Endpoint;
import io.parley.ErrorCode;
import io.parley.OrbException;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.TransportSettings;
import io.parley.testing.RecordingFrameHandler;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/**
 * Bounded write buffers against a peer that accepts and never reads: the connection reports itself unwritable past
 * the high water mark, and refuses frames (RESOURCE_EXHAUSTED, completion NO) past {@code maxQueuedBytes}, staying
 * open; the queued bytes never exceed the bound by more than one frame.
 */
@Timeout(30)
class NettyWriteBufferTest {
    private static final int FRAME = 64 * 1024;
    private static final long BOUND = 2L * 1024 * 1024;

    @ParameterizedTest(name = "callerDriven={0}")
    @ValueSource(booleans = {true, false})
    void aPeerThatDoesNotReadMakesTheConnectionUnwritableThenRefusesFrames(boolean callerDriven) throws Exception {
        TransportSettings settings = new TransportSettings(FRAME + 1024, 1, 5_000, "wb").withMaxQueuedBytes(BOUND);
        try (ServerSocket deaf = new ServerSocket();
                NettyTransport transport = new NettyTransport(settings, callerDriven)) {
            deaf.setReceiveBufferSize(8 * 1024);
            deaf.bind(new InetSocketAddress("127.0.0.1", 0));
            Connection connection = transport.connect(Endpoint.tcp("127.0.0.1", deaf.getLocalPort()),
                    RecordingFrameHandler.recording()).get(5, TimeUnit.SECONDS);
            try (Socket accepted = deaf.accept()) { // and never read
                assertTrue(connection.isWritable(), "writable while nothing waits");
                ByteBuffer frame = ByteBuffer.allocate(FRAME);
                boolean sawUnwritable = false;
                OrbException refused = null;
                for (int i = 0; i < 1_000 && refused == null; i++) { // 64 MiB if nothing bounded it
                    try {
                        connection.send(frame);
                        Thread.sleep(1); // lets the I/O thread move frames into the socket and Netty's buffer
                    } catch (OrbException e) {
                        refused = e;
                    }
                    sawUnwritable |= !connection.isWritable();
                }
                assertNotNull(refused, "frames were queued without bound for a peer that never reads");
                assertTrue(sawUnwritable, "unwritable (above the high water mark) before the bound");
                assertEquals(ErrorCode.RESOURCE_EXHAUSTED, refused.code());
                assertEquals(Completion.NO, refused.completion());
                assertTrue(refused.getMessage().contains("maxQueuedBytes=" + BOUND), refused.getMessage());
                long queued = ((io.parley.transport.netty.internal.NettyConnection) connection).queuedBytesNow();
                assertTrue(queued <= BOUND, "queued " + queued + " bytes, bound " + BOUND);
                assertTrue(connection.isOpen(), "a refused frame leaves the connection open");
                assertFalse(connection.isWritable());
            }
        }
    }
}
