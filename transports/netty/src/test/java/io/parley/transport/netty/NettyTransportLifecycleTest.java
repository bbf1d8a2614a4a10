package io.parley.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Completion;
import io.parley.Endpoint;
import io.parley.ErrorCode;
import io.parley.OrbException;
import io.parley.UnavailableException;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.Listener;
import io.parley.spi.transport.Transport;
import io.parley.spi.transport.TransportProvider;
import io.parley.spi.transport.TransportSettings;
import io.parley.testing.RecordingFrameHandler;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What is particular to the Netty transport: discovery, threads, settings, addresses and error messages. */
@Timeout(30)
class NettyTransportLifecycleTest {
    private NettyTransport transport;

    @AfterEach
    void close() {
        if (transport != null) {
            transport.close();
        }
    }

    @Test
    void providerIsFoundByServiceLoaderUnderTheNameTcp() {
        List<TransportProvider> tcp = ServiceLoader.load(TransportProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(provider -> provider.name().equals("tcp"))
                .collect(Collectors.toList());
        assertEquals(1, tcp.size());
        try (Transport created = tcp.get(0).create(TransportSettings.defaults())) {
            assertInstanceOf(NettyTransport.class, created);
            assertEquals("tcp", created.name());
        }
    }

    @Test
    void ioThreadsAreFewDaemonsNamedWithThePrefix() {
        transport = start("lifecycle-default", 0);
        connectSeveralTimes(4);
        List<Thread> threads = threadsNamed("lifecycle-default-tcp");
        assertFalse(threads.isEmpty());
        assertTrue(threads.size() <= 2, "default I/O threads: " + threads);
        assertTrue(threads.stream().allMatch(Thread::isDaemon), "daemon threads: " + threads);
    }

    @Test
    void ioThreadsSettingOverridesTheDefault() {
        transport = start("lifecycle-three", 3);
        connectSeveralTimes(6);
        assertEquals(3, threadsNamed("lifecycle-three-tcp").size());
    }

    @Test
    void callerDrivenClientConnectionsShareOneDaemonDriverThreadThatCloseStops() throws InterruptedException {
        transport = new NettyTransport(new TransportSettings(1024 * 1024, 0, 5_000, "lifecycle-driven"), true);
        connectSeveralTimes(4);
        List<Thread> drivers = threadsNamed("lifecycle-driven-tcp-driver");
        assertEquals(1, drivers.size(), "driver threads: " + drivers);
        assertTrue(drivers.get(0).isDaemon());
        transport.close();
        drivers.get(0).join(TimeUnit.SECONDS.toMillis(5));
        assertFalse(drivers.get(0).isAlive(), "the driver still runs after close");
    }

    @Test
    void closeStopsTheIoThreads() throws InterruptedException {
        transport = start("lifecycle-stop", 0);
        connectSeveralTimes(2);
        List<Thread> threads = threadsNamed("lifecycle-stop-tcp");
        assertFalse(threads.isEmpty());
        transport.close();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(5));
            assertFalse(thread.isAlive(), thread.getName() + " still running after close");
        }
    }

    @Test
    void settingsOutOfRangeAreRejectedNamingTheSetting() {
        OrbException e = assertThrows(OrbException.class,
                () -> new NettyTransport(new TransportSettings(0, 0, 5_000, "bad")));
        assertEquals(ErrorCode.INVALID_CONFIGURATION, e.code());
        assertTrue(e.getMessage().contains("maxFrameBytes: 0"), e.getMessage());
    }

    @Test
    void remoteAddressIsHostAndPortOnBothSides() {
        transport = start("lifecycle-address", 0);
        RecordingFrameHandler server = RecordingFrameHandler.recording();
        Listener listener = transport.listen("127.0.0.1", 0, server);
        Connection client = transport.connect(listener.endpoint(), RecordingFrameHandler.recording()).join();
        assertEquals("127.0.0.1:" + listener.endpoint().port(), client.remoteAddress());
        assertTrue(server.awaitOpen().remoteAddress().matches("127\\.0\\.0\\.1:[0-9]+"));
    }

    @Test
    void connectFailureSaysWhichEndpointAndWhy() throws Exception {
        transport = start("lifecycle-refused", 0);
        Listener listener = transport.listen("127.0.0.1", 0, RecordingFrameHandler.recording());
        Endpoint gone = listener.endpoint();
        listener.close();
        CompletableFuture<Connection> connecting = transport.connect(gone, RecordingFrameHandler.recording());
        ExecutionException e = assertThrows(ExecutionException.class, () -> connecting.get(10, TimeUnit.SECONDS));
        UnavailableException cause = assertInstanceOf(UnavailableException.class, e.getCause());
        assertEquals(Completion.NO, cause.completion());
        String prefix = "cannot connect to tcp://127.0.0.1:" + gone.port() + ": ";
        assertTrue(cause.getMessage().startsWith(prefix), cause.getMessage());
        assertTrue(cause.getMessage().length() > prefix.length(), "and says why: " + cause.getMessage());
    }

    @Test
    void connectAfterCloseFailsWithUnavailable() {
        transport = start("lifecycle-closed", 0);
        transport.close();
        CompletableFuture<Connection> connecting = transport.connect(Endpoint.tcp("127.0.0.1", 9),
                RecordingFrameHandler.recording());
        ExecutionException e = assertThrows(ExecutionException.class, () -> connecting.get(10, TimeUnit.SECONDS));
        assertInstanceOf(UnavailableException.class, e.getCause());
    }

    @Test
    void endpointOfAnotherTransportIsRejected() {
        transport = start("lifecycle-other", 0);
        assertThrows(IllegalArgumentException.class,
                () -> transport.connect(new Endpoint("shm", "127.0.0.1", 1), RecordingFrameHandler.recording()));
    }

    /** The event-loop group's threads, with client connections on the group whatever the system property says. */
    private static NettyTransport start(String prefix, int ioThreads) {
        return new NettyTransport(new TransportSettings(1024 * 1024, ioThreads, 5_000, prefix), false);
    }

    /** I/O threads start lazily, one per event loop that gets a channel; several connections start them all. */
    private void connectSeveralTimes(int times) {
        Listener listener = transport.listen("127.0.0.1", 0, RecordingFrameHandler.recording());
        for (int i = 0; i < times; i++) {
            transport.connect(listener.endpoint(), RecordingFrameHandler.recording()).join();
        }
    }

    private static List<Thread> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(prefix))
                .collect(Collectors.toList());
    }
}
