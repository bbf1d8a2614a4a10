package io.parley.it;

import static io.parley.it.SharedMemoryFixtures.awaitRef;
import static io.parley.it.SharedMemoryFixtures.ringMappings;
import static io.parley.it.SharedMemoryFixtures.shmEndpoint;
import static io.parley.it.SharedMemoryFixtures.withShm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Endpoint;
import io.parley.Orb;
import io.parley.RemoteRef;
import io.parley.it.SharedMemoryFixtures.StderrCapture;
import io.parley.testing.JavaProcess;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * When shared memory cannot or must not be used, calls between two JVMs of one host go over TCP, with one log line
 * saying why where something failed. The server's {@code /proc/<pid>/maps} shows no shared-memory connection until
 * the last test, which calls through shared memory on purpose to show that the check can see one.
 */
@Timeout(60)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedMemoryFallbackTest {
    private static Path base;
    private static JavaProcess server;
    private static RemoteRef shopRef;

    @BeforeAll
    static void start() {
        base = SharedMemoryFixtures.newShmBase();
        server = SharedMemoryFixtures.startServer(base);
        shopRef = awaitRef(server, "SHOP ");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        SharedMemoryFixtures.deleteTree(base);
    }

    @Test
    @Order(1)
    void clientThatCannotUseSharedMemoryCallsOverTcpAndSaysWhyOnce() {
        Path unusable = base.resolve("no-such-directory");
        try (StderrCapture stderr = new StderrCapture();
                Orb client = SharedMemoryFixtures.client("no-shm-client", unusable)) {
            Shop shop = client.connect(shopRef, Shop.class);
            for (int i = 0; i < 3; i++) {
                assertEquals(i + 1, shop.add(i, 1));
            }
            List<String> why = stderr.lines("over TCP");
            assertEquals(1, why.size(), "expected one line saying why, got " + why);
            assertTrue(why.get(0).contains(unusable.toString()), why.get(0));
        }
        assertEquals(0, ringMappings(server.pid(), base));
    }

    @Test
    @Order(2)
    void clientWithSharedMemoryOffCallsOverTcpSilently() {
        try (StderrCapture stderr = new StderrCapture();
                Orb client = Orb.builder().name("tcp-only-client").sharedMemory(false).build()) {
            assertEquals(3, client.connect(shopRef, Shop.class).add(1, 2));
            assertEquals(List.of(), stderr.lines("over TCP"));
        }
        assertEquals(0, ringMappings(server.pid(), base));
    }

    @Test
    @Order(3)
    void sharedMemoryEndpointThatRefusesFallsBackToTcpWithOneLogLine() {
        // The server's host identity, but a port where nobody listens: connecting through shared memory fails.
        Endpoint shm = shmEndpoint(shopRef);
        RemoteRef refusing = withShm(shopRef, e -> Endpoint.shm(e.host(), e.port() == 65535 ? 1 : e.port() + 1));
        try (StderrCapture stderr = new StderrCapture();
                Orb client = SharedMemoryFixtures.client("refused-client", base)) {
            Shop shop = client.connect(refusing, Shop.class);
            for (int i = 0; i < 5; i++) {
                assertEquals(10 + i, shop.add(10, i));
            }
            List<String> why = stderr.lines("over TCP");
            assertEquals(1, why.size(), "expected one line saying why, got " + why);
            assertTrue(why.get(0).contains("no shm listener"), why.get(0));
        }
        assertEquals(0, ringMappings(server.pid(), base), "shm endpoint " + shm);
    }

    @Test
    @Order(4)
    void referenceFromAnotherHostIsCalledOverTcpWithoutTryingSharedMemory() {
        RemoteRef elsewhere = withShm(shopRef, e -> Endpoint.shm("0123456789abcdef", e.port()));
        try (StderrCapture stderr = new StderrCapture();
                Orb client = SharedMemoryFixtures.client("other-host-client", base)) {
            assertEquals(5, client.connect(elsewhere, Shop.class).add(2, 3));
            assertEquals(List.of(), stderr.lines("over TCP"));
        }
        assertEquals(0, ringMappings(server.pid(), base));
    }

    @Test
    @Order(5)
    void serverWithUnusableDirectoryServesTcpOnlyAndSaysWhyOnce() {
        Path unusable = base.resolve("not-there");
        try (JavaProcess tcpOnly = SharedMemoryFixtures.startServer(unusable);
                Orb client = SharedMemoryFixtures.client("client-of-tcp-only-server", base)) {
            RemoteRef ref = awaitRef(tcpOnly, "SHOP ");
            assertTrue(ref.endpoints().stream().allMatch(e -> e.transport().equals(Endpoint.TCP)), ref.toString());
            assertEquals(4, client.connect(ref, Shop.class).add(2, 2));
            awaitRef(tcpOnly, "BLOBS ");
            long lines = tcpOnly.transcript().lines().filter(line -> line.contains("serves over TCP only")).count();
            assertEquals(1, lines, tcpOnly.transcript());
            assertTrue(tcpOnly.transcript().contains(unusable.toString()), tcpOnly.transcript());
        }
    }

    @Test
    @Order(6)
    void theCheckSeesSharedMemoryWhenItIsUsed() {
        try (Orb client = SharedMemoryFixtures.client("shm-client", base)) {
            assertEquals(2, client.connect(shopRef, Shop.class).add(1, 1));
            assertEquals(1, ringMappings(server.pid(), base));
        }
    }
}
