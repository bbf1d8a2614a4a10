package io.parley.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.handler.codec.CorruptedFrameException;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import io.parley.spi.transport.Listener;
import io.parley.spi.transport.TransportSettings;
import io.parley.testing.RecordingFrameHandler;
import io.parley.testing.RecordingFrameHandler.Close;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bytes on the wire, seen from a plain socket: standard Thrift framing, and a hostile or broken peer that loses
 * framing, which must cost only its own connection.
 */
@Timeout(30)
class NettyWireFormatTest {
    private static final int MAX_FRAME_BYTES = 1024 * 1024;
    /** Far below the 2 GiB a decoder that trusted a huge length prefix would try to hold. */
    private static final long ALLOCATION_BUDGET = 64L * 1024 * 1024;

    private NettyTransport transport;
    private RecordingFrameHandler server;
    private int port;

    @BeforeEach
    void listen() {
        transport = new NettyTransport(new TransportSettings(MAX_FRAME_BYTES, 0, 5_000, "wire"));
        server = RecordingFrameHandler.echoing();
        Listener listener = transport.listen("127.0.0.1", 0, server);
        port = listener.endpoint().port();
    }

    @AfterEach
    void close() {
        transport.close();
        server.assertContractKept();
    }

    @Test
    void framesOnTheWireAreFourByteBigEndianLengthThenPayload() throws IOException {
        try (RawSocket socket = RawSocket.connect(port)) {
            socket.write(new byte[] {0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o'});
            assertEquals("hello", new String(server.awaitFrame().bytes(), StandardCharsets.US_ASCII));
            assertArrayEquals(new byte[] {0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o'}, socket.readExactly(9));
        }
    }

    @Test
    void frameSentByTheServerIsLengthThenPayloadOnTheWire() throws IOException {
        try (RawSocket socket = RawSocket.connect(port)) {
            Connection serverSide = server.awaitOpen();
            byte[] payload = new byte[300];
            new Random(1).nextBytes(payload);
            serverSide.send(ByteBuffer.wrap(payload));
            assertArrayEquals(new byte[] {0, 0, 1, 44}, socket.readExactly(4));
            assertArrayEquals(payload, socket.readExactly(300));
        }
    }

    @Test
    void frameSplitAcrossManyWritesArrivesWhole() throws IOException {
        try (RawSocket socket = RawSocket.connect(port)) {
            byte[] payload = "split into single bytes".getBytes(StandardCharsets.US_ASCII);
            byte[] wire = ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
            for (byte b : wire) {
                socket.write(new byte[] {b});
            }
            assertArrayEquals(payload, server.awaitFrame().bytes());
            assertArrayEquals(payload, socket.readFrame());
        }
    }

    @Test
    void severalFramesInOneWriteArriveSeparately() throws IOException {
        try (RawSocket socket = RawSocket.connect(port)) {
            socket.write(new byte[] {0, 0, 0, 1, 'a', 0, 0, 0, 0, 0, 0, 0, 2, 'b', 'c'});
            assertEquals("a", new String(server.awaitFrame().bytes(), StandardCharsets.US_ASCII));
            assertEquals(0, server.awaitFrame().bytes().length);
            assertEquals("bc", new String(server.awaitFrame().bytes(), StandardCharsets.US_ASCII));
        }
    }

    /**
     * Small frames are copied into one reusable buffer per connection and large ones handed over as views of the read
     * buffer (the limit is 4096 bytes): sizes on both sides of it, growing and shrinking, in one write and so in one
     * read batch, must each arrive whole, in order, with nothing of the frame before.
     */
    @Test
    void framesAroundTheCopyLimitArriveWholeAndInOrder() throws IOException {
        int[] sizes = {1, 300, 10, 4095, 4096, 4097, 5, 70_000, 0, 257, 3};
        Random random = new Random(3);
        byte[][] payloads = new byte[sizes.length][];
        ByteBuffer wire = ByteBuffer.allocate(sizes.length * 4 + Arrays.stream(sizes).sum());
        for (int i = 0; i < sizes.length; i++) {
            payloads[i] = new byte[sizes[i]];
            random.nextBytes(payloads[i]);
            wire.putInt(sizes[i]).put(payloads[i]);
        }
        try (RawSocket socket = RawSocket.connect(port)) {
            socket.write(wire.array());
            for (byte[] payload : payloads) {
                assertArrayEquals(payload, server.awaitFrame().bytes());
            }
            for (byte[] payload : payloads) {
                assertArrayEquals(payload, socket.readFrame(), "echoed");
            }
        }
    }

    @Test
    void onFrameThatThrowsClosesTheConnectionWithThatCauseAndGetsNoFurtherFrames() throws IOException {
        IllegalStateException thrown = new IllegalStateException("handler failed");
        CompletableFuture<Throwable> closedWith = new CompletableFuture<>();
        AtomicInteger frames = new AtomicInteger();
        Listener throwing = transport.listen("127.0.0.1", 0, new FrameHandler() {
            @Override
            public void onFrame(Connection connection, ByteBuffer frame) {
                frames.incrementAndGet();
                throw thrown;
            }

            @Override
            public void onClose(Connection connection, Throwable cause) {
                closedWith.complete(cause);
            }
        });
        try (RawSocket socket = RawSocket.connect(throwing.endpoint().port());
                CapturedStandardError log = new CapturedStandardError()) {
            socket.write(new byte[] {0, 0, 0, 1, 'a', 0, 0, 0, 1, 'b'});
            assertTrue(socket.closedByPeer(), "the connection must be closed");
            assertEquals(thrown, closedWith.join());
            assertEquals(1, frames.get(), "no frame after the one that failed");
        }
    }

    @Test
    void frameOfExactlyMaxFrameBytesIsAccepted() throws IOException {
        try (RawSocket socket = RawSocket.connect(port)) {
            byte[] payload = new byte[MAX_FRAME_BYTES];
            new Random(2).nextBytes(payload);
            socket.writeFrame(payload);
            assertArrayEquals(payload, socket.readFrame());
        }
    }

    @Test
    void hugeLengthPrefixClosesOnlyThatConnection() throws IOException {
        assertFramingLossClosesOnlyThatConnection(0x7fffffff);
    }

    @Test
    void negativeLengthPrefixClosesOnlyThatConnection() throws IOException {
        assertFramingLossClosesOnlyThatConnection(-1);
    }

    @Test
    void mostNegativeLengthPrefixClosesOnlyThatConnection() throws IOException {
        assertFramingLossClosesOnlyThatConnection(Integer.MIN_VALUE);
    }

    @Test
    void lengthPrefixOneAboveMaxFrameBytesClosesOnlyThatConnection() throws IOException {
        assertFramingLossClosesOnlyThatConnection(MAX_FRAME_BYTES + 1);
    }

    private void assertFramingLossClosesOnlyThatConnection(int lengthPrefix) throws IOException {
        try (RawSocket healthy = RawSocket.connect(port);
                RawSocket broken = RawSocket.connect(port);
                CapturedStandardError log = new CapturedStandardError()) {
            assertEchoes(healthy, "before");
            long usedBefore = allocatorMemoryInUse();

            broken.write(ByteBuffer.allocate(4 + 64 * 1024).putInt(lengthPrefix).array());
            assertTrue(broken.closedByPeer(), "the connection that lost framing must be closed");

            Close close = server.awaitClose();
            assertInstanceOf(CorruptedFrameException.class, close.cause());
            assertTrue(close.cause().getMessage().contains(String.valueOf(lengthPrefix)), close.cause().getMessage());
            assertTrue(allocatorMemoryInUse() - usedBefore < ALLOCATION_BUDGET,
                    "allocated " + (allocatorMemoryInUse() - usedBefore) + " bytes for a bogus length prefix");
            List<String> warnings = log.linesContaining("framing lost");
            assertEquals(1, warnings.size(), "one log line per lost connection: " + warnings);
            String warning = warnings.get(0);
            assertTrue(warning.contains("WARN"), warning);
            assertTrue(warning.contains("127.0.0.1:" + broken.localPort()), "names the peer: " + warning);
            assertTrue(warning.contains("frame length " + lengthPrefix), "names the length seen: " + warning);
            assertTrue(warning.contains("maxFrameBytes=" + MAX_FRAME_BYTES), "names the setting: " + warning);

            assertEchoes(healthy, "after");
            assertEquals(1, server.closed().size(), "only the broken connection is closed");
        }
    }

    private void assertEchoes(RawSocket socket, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.US_ASCII);
        socket.writeFrame(payload);
        assertArrayEquals(payload, socket.readFrame());
    }

    private static long allocatorMemoryInUse() {
        ByteBufAllocatorMetric metric = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric();
        return metric.usedDirectMemory() + metric.usedHeapMemory();
    }
}
