package io.parley.transport.shm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Endpoint;
import io.parley.UnavailableException;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.Transport;
import io.parley.spi.transport.TransportSettings;
import io.parley.testing.JavaProcess;
import io.parley.testing.RecordingFrameHandler;
import io.parley.testing.TaggedFrames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two real JVMs on one host: frames both ways, a fragmented 10 MB frame, kill -9 of either side. */
@Timeout(60)
class ShmTwoProcessTest {
    private static final Duration START = Duration.ofSeconds(20);

    @TempDir
    Path base;
    private Transport transport;

    @AfterEach
    void closeTransport() {
        if (transport != null) {
            transport.close();
        }
    }

    private Transport transport() {
        transport = new ShmTransport(TransportSettings.defaults(), ShmSettings.defaults().withDirectory(base));
        return transport;
    }

    @Test
    void framesFlowBothWaysBetweenTwoJvmsIncludingATenMegabyteFrame() {
        try (JavaProcess server = JavaProcess.start(ShmPeer.class, "listen", base.toString())) {
            int port = Integer.parseInt(server.awaitValue("PORT", START));
            RecordingFrameHandler client = RecordingFrameHandler.recording();
            Connection connection = transport().connect(endpoint(port), client).join();
            for (int i = 0; i < 200; i++) {
                connection.send(TaggedFrames.encode(5, i));
            }
            byte[] big = new byte[10 * 1024 * 1024];
            new Random(10).nextBytes(big);
            connection.send(ByteBuffer.wrap(big));
            List<RecordingFrameHandler.Frame> echoed = client.awaitFrames(201);
            for (int i = 0; i < 200; i++) {
                assertEquals(new TaggedFrames.Tag(5, i), TaggedFrames.decode(echoed.get(i).bytes()));
            }
            assertArrayEquals(big, echoed.get(200).bytes());
            connection.close();
            assertEquals(null, client.awaitClose().cause());
            server.awaitLine(line -> line.equals("CLOSED null"), START);
        }
    }

    @Test
    void killingTheServerJvmClosesTheClientConnectionWithinASecondAndItsSocketIsRemovedAtTheNextStart()
            throws IOException {
        try (JavaProcess server = JavaProcess.start(ShmPeer.class, "listen", base.toString())) {
            int port = Integer.parseInt(server.awaitValue("PORT", START));
            RecordingFrameHandler client = RecordingFrameHandler.recording();
            Connection connection = transport().connect(endpoint(port), client).join();
            connection.send(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            client.awaitFrame();
            server.kill();
            long killed = System.nanoTime();
            RecordingFrameHandler.Close close = client.awaitClose();
            long millis = (System.nanoTime() - killed) / 1_000_000;
            assertTrue(millis < 1000, "closed " + millis + " ms after the kill");
            assertInstanceOf(UnavailableException.class, close.cause());
            assertEquals(List.of(), files(".ring"), "connection files are unlinked once mapped");

            // The dead server's listener socket is still there, until a transport starts in the directory.
            assertEquals(1, files(".sock").size());
            Transport next = new ShmTransport(TransportSettings.defaults(),
                    ShmSettings.defaults().withDirectory(base));
            next.listen("127.0.0.1", 0, RecordingFrameHandler.recording()).close();
            next.close();
            assertEquals(List.of(), files(".sock"), "stale socket of the killed server removed");
        }
    }

    @Test
    void killingTheClientJvmClosesTheServerConnectionWithinASecond() throws IOException {
        RecordingFrameHandler server = RecordingFrameHandler.echoing();
        int port = transport().listen("127.0.0.1", 0, server).endpoint().port();
        try (JavaProcess client = JavaProcess.start(ShmPeer.class, "connect", base.toString(),
                String.valueOf(port))) {
            client.awaitLine(line -> line.equals("OPEN"), START);
            Connection accepted = server.awaitOpen();
            accepted.send(ByteBuffer.wrap(new byte[] {4, 5, 6}));
            assertArrayEquals(new byte[] {4, 5, 6}, server.awaitFrame().bytes());
            client.kill();
            long killed = System.nanoTime();
            RecordingFrameHandler.Close close = server.awaitClose();
            long millis = (System.nanoTime() - killed) / 1_000_000;
            assertTrue(millis < 1000, "closed " + millis + " ms after the kill");
            assertInstanceOf(UnavailableException.class, close.cause());
            assertEquals(List.of(), files(".ring"));
        }
    }

    private static Endpoint endpoint(int port) {
        return new Endpoint(ShmTransport.NAME, "127.0.0.1", port);
    }

    private List<Path> files(String suffix) throws IOException {
        Path directory = base.resolve("parley-" + System.getProperty("user.name"));
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(suffix)).toList();
        }
    }
}
