package io.parley.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import io.parley.spi.transport.Listener;
import io.parley.spi.transport.TransportSettings;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Accepted connections run on serving loops: the driver that reads a frame runs the call handed to
 * {@link Connection#executeServant} itself, and a call that blocks is relieved (another driver reads on, answers
 * written before it leave at once).
 */
@Timeout(30)
class ServingLoopTest {
    /** Frames carry one int: {@link #BLOCK} makes the call wait for the latch; every call answers value * 10 + 1 when it ran on a serving driver. */
    private static final int BLOCK = 99;
    /** As {@link #BLOCK}, once a task it queued has run: the other driver is driving when the relief comes. */
    private static final int BLOCK_AFTER_WAKING = 98;

    private final CountDownLatch unblock = new CountDownLatch(1);
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private NettyTransport transport;
    private int port;

    @BeforeEach
    void listen() {
        transport = new NettyTransport(new TransportSettings(1 << 20, 0, 5_000, "serving"));
        Listener listener = transport.listen("127.0.0.1", 0, new FrameHandler() {
            @Override
            public void onFrame(Connection connection, ByteBuffer frame) {
                int value = frame.getInt();
                connection.executeServant(() -> answer(connection, value), executor);
            }

            @Override
            public void onClose(Connection connection, Throwable cause) {
            }
        });
        port = listener.endpoint().port();
    }

    private void answer(Connection connection, int value) {
        boolean onDriver = Thread.currentThread().getName().startsWith("serving-tcp-serve-");
        if (value == BLOCK_AFTER_WAKING) {
            // A task makes the other driver take the lease and drive before this run is relieved.
            CountDownLatch otherDrives = new CountDownLatch(1);
            connection.execute(otherDrives::countDown);
            try {
                otherDrives.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (value == BLOCK || value == BLOCK_AFTER_WAKING) {
            try {
                unblock.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        connection.send(ByteBuffer.allocate(4).putInt(0, value * 10 + (onDriver ? 1 : 0)));
    }

    @AfterEach
    void close() {
        unblock.countDown();
        transport.close();
        executor.shutdownNow();
    }

    @Test
    void aCallRunsOnTheDriverThatReadIt() throws Exception {
        try (RawSocket socket = RawSocket.connect(port)) {
            // Right after a connect the other driver may be driving (it registered the channel) while the first
            // finishes a call, and read the next call then: that one goes to the executor. After that, all run here.
            int inARow = 0;
            for (int i = 1; i <= 100 && inARow < 20; i++) {
                socket.writeFrame(ByteBuffer.allocate(4).putInt(i).array());
                int answer = ByteBuffer.wrap(socket.readFrame()).getInt();
                assertEquals(i, answer / 10, "call " + i);
                inARow = answer % 10 == 1 ? inARow + 1 : 0;
            }
            assertEquals(20, inARow, "20 sequential calls in a row ran on the driver that read them");
        }
    }

    @Test
    void callsWaitingBehindABlockedOneAreTakenOverByTheDriverAlreadyDriving() throws Exception {
        try (RawSocket socket = RawSocket.connect(port)) {
            socket.writeFrame(ByteBuffer.allocate(4).putInt(6).array());
            assertEquals(6, ByteBuffer.wrap(socket.readFrame()).getInt() / 10);
            // One write: one run takes the blocking call first, the quick one waits behind it.
            socket.write(ByteBuffer.allocate(16).putInt(4).putInt(BLOCK_AFTER_WAKING).putInt(4).putInt(1).array());
            assertEquals(1, ByteBuffer.wrap(socket.readFrame()).getInt() / 10, "the call behind the blocked one");
            unblock.countDown();
            assertEquals(BLOCK_AFTER_WAKING, ByteBuffer.wrap(socket.readFrame()).getInt() / 10);
        }
    }

    @Test
    void anAnswerWrittenBeforeABlockedCallLeavesWhileItBlocks() throws Exception {
        try (RawSocket socket = RawSocket.connect(port); RawSocket other = RawSocket.connect(port)) {
            // Both connections set up first (registering one wakes the other driver), then one write, so that one
            // read batch holds both calls and one run of calls takes them in order.
            other.writeFrame(ByteBuffer.allocate(4).putInt(5).array());
            assertEquals(5, ByteBuffer.wrap(other.readFrame()).getInt() / 10);
            socket.writeFrame(ByteBuffer.allocate(4).putInt(6).array());
            assertEquals(6, ByteBuffer.wrap(socket.readFrame()).getInt() / 10);
            socket.write(ByteBuffer.allocate(16).putInt(4).putInt(1).putInt(4).putInt(BLOCK).array());
            long start = System.nanoTime();
            assertEquals(11, ByteBuffer.wrap(socket.readFrame()).getInt(), "the first call's answer");
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), "not held until the blocked call ends");

            // Reading goes on meanwhile: on the same connection and on another one.
            socket.writeFrame(ByteBuffer.allocate(4).putInt(2).array());
            assertEquals(2, ByteBuffer.wrap(socket.readFrame()).getInt() / 10, "a call on the same connection");
            other.writeFrame(ByteBuffer.allocate(4).putInt(3).array());
            assertEquals(3, ByteBuffer.wrap(other.readFrame()).getInt() / 10, "a call on another connection");

            unblock.countDown();
            assertEquals(BLOCK, ByteBuffer.wrap(socket.readFrame()).getInt() / 10, "the blocked call's answer");
        }
    }
}
