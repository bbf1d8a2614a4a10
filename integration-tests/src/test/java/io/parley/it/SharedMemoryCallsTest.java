package io.parley.it;

import static io.parley.it.SharedMemoryFixtures.awaitRef;
import static io.parley.it.SharedMemoryFixtures.ringMappings;
import static io.parley.it.SharedMemoryFixtures.shmEndpoint;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Endpoint;
import io.parley.NamingConfig;
import io.parley.Orb;
import io.parley.RemoteRef;
import io.parley.UnavailableException;
import io.parley.testing.JavaProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client Orb in this JVM calls servants of a server Orb in a second JVM on the same host, both with the defaults
 * (shared memory on): the calls go through shared memory, which the tests check in {@code /proc/<pid>/maps}.
 */
@Timeout(60)
class SharedMemoryCallsTest {
    private static Path base;
    private static final List<JavaProcess> servers = new ArrayList<>();
    private static JavaProcess server;
    private static Orb client;
    private static RemoteRef shopRef;
    private static Shop shop;
    private static Blobs blobs;

    @BeforeAll
    static void start() {
        base = SharedMemoryFixtures.newShmBase();
        server = start(SharedMemoryFixtures.startServer(base));
        shopRef = awaitRef(server, "SHOP ");
        client = SharedMemoryFixtures.client("shm-client", base);
        shop = client.connect(shopRef, Shop.class);
        blobs = client.connect(awaitRef(server, "BLOBS "), Blobs.class);
    }

    private static JavaProcess start(JavaProcess process) {
        servers.add(process);
        return process;
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        servers.forEach(JavaProcess::close);
        SharedMemoryFixtures.deleteTree(base);
    }

    @Test
    void referenceListsTcpThenSharedMemory() {
        assertEquals(Endpoint.TCP, shopRef.endpoints().get(0).transport(), shopRef.toString());
        Endpoint shm = shmEndpoint(shopRef);
        assertTrue(shopRef.toString().contains("shm=" + shm.host() + ":" + shm.port()), shopRef.toString());
    }

    @Test
    void synchronousCallsGoThroughSharedMemory() throws Shop.OutOfStock {
        assertEquals(5, shop.add(2, 3));
        assertEquals(new Shop.Order("tea", 3), shop.place(new Shop.Order("tea", 3)));
        assertTrue(ringMappings(server.pid(), base) > 0, "the server mapped no shared-memory connection file");
        assertTrue(ringMappings(ProcessHandle.current().pid(), base) > 0,
                "this client mapped no shared-memory connection file");
    }

    @Test
    void asynchronousCallsComplete() throws Exception {
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            futures.add(shop.greetLater("n" + i, 100));
        }
        for (int i = 0; i < futures.size(); i++) {
            assertEquals("hello n" + i, futures.get(i).get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void onewayCallIsDelivered() throws Exception {
        String event = "event-" + System.nanoTime();
        shop.record(event);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!shop.events().contains(event)) {
            assertTrue(System.nanoTime() < deadline, "the oneway call never reached the servant");
            Thread.sleep(10);
        }
    }

    @Test
    void tenMegabyteArgumentAndResultAreFragmentedAndReassembled() {
        byte[] data = new byte[10 * 1024 * 1024];
        new Random(5).nextBytes(data);
        byte[] reversed = blobs.reversed(data);
        assertEquals(data.length, reversed.length);
        for (int i = 0; i < data.length; i += 4099) {
            assertEquals(data[i], reversed[data.length - 1 - i], "byte " + i);
        }
        assertArrayEquals(new byte[] {3, 2, 1}, blobs.reversed(new byte[] {1, 2, 3}));
    }

    @Test
    void declaredExceptionReachesTheCallerAsItself() {
        Shop.OutOfStock e = assertThrows(Shop.OutOfStock.class, () -> shop.place(new Shop.Order("tea", 11)));
        assertEquals("only 10 tea left", e.getMessage());
    }

    @Test
    void killedServerFailsPendingCallsWithinOneSecond() throws Exception {
        JavaProcess doomed = start(SharedMemoryFixtures.startServer(base));
        Shop doomedShop = client.connect(awaitRef(doomed, "SHOP "), Shop.class);
        assertEquals(3, doomedShop.add(1, 2));
        assertEquals(1, ringMappings(doomed.pid(), base), "the call did not go through shared memory");

        CompletableFuture<String> async = doomedShop.greetLater("never", 60_000);
        CompletableFuture<String> sync = CompletableFuture.supplyAsync(() -> doomedShop.slow(60_000));
        Thread.sleep(300); // both calls are in flight
        long killed = System.nanoTime();
        doomed.kill();
        for (CompletableFuture<String> pending : List.of(async, sync)) {
            long left = TimeUnit.SECONDS.toNanos(1) - (System.nanoTime() - killed);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> pending.get(Math.max(left, 0), TimeUnit.NANOSECONDS));
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException
                    ? e.getCause().getCause() : e.getCause();
            assertInstanceOf(UnavailableException.class, cause, String.valueOf(cause));
        }
        assertTrue(System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void nameBoundProxyCallsThroughSharedMemory() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        JavaProcess named = start(SharedMemoryFixtures.startServer(base, "-Dit.naming.port=" + port));
        awaitRef(named, "SHOP ");
        try (Orb namingClient = io.parley.Orb.builder().name("shm-naming-client")
                .sharedMemoryTransport(SharedMemoryFixtures.shmUnder(base)).naming(NamingConfig.embedded(port))
                .build()) {
            Shop byName = namingClient.naming().lookup("shop", Shop.class);
            assertEquals(9, byName.add(4, 5));
            assertEquals(1, ringMappings(named.pid(), base), "the name-bound call did not use shared memory");
        }
    }
}
