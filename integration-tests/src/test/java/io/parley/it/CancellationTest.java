package io.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Calls;
import io.parley.Completion;
import io.parley.DeadlineExceededException;
import io.parley.Endpoint;
import io.parley.ErrorCode;
import io.parley.NamingConfig;
import io.parley.Orb;
import io.parley.OrbException;
import io.parley.RemoteRef;
import io.parley.testing.JavaProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cancellation reaches the server: cancelling an asynchronous call's future, or interrupting a synchronous caller,
 * stops the call on the server (never run if queued; servant thread interrupted if running), over TCP and shared
 * memory, to a server in another JVM and down a chain of nested calls; a servant past its deadline cannot start
 * nested calls. What the server did is asked from the servant itself ({@link Sleeper#outcome}).
 */
@Timeout(60)
class CancellationTest {
    /** How long the server may take to stop a cancelled call: generous for a loaded build machine. */
    private static final long STOP_WITHIN_MILLIS = 3_000;

    private static Path shmBase;
    private static JavaProcess serverJvm;
    private static RemoteRef remoteRef;

    private Orb client;
    private Orb localServer;
    private ExecutorService serverExecutor;

    @BeforeAll
    static void startServerJvm() {
        shmBase = SharedMemoryFixtures.newShmBase();
        serverJvm = JavaProcess.start(java.util.List.of("-Dparley.shm.dir=" + shmBase), SleeperServer.class);
        remoteRef = RemoteRef.parse(serverJvm.awaitValue("SLEEPER ", Duration.ofSeconds(30)));
    }

    @AfterAll
    static void stopServerJvm() {
        if (serverJvm != null) {
            serverJvm.close();
        }
        SharedMemoryFixtures.deleteTree(shmBase);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (localServer != null) {
            localServer.close();
        }
        if (serverExecutor != null) {
            serverExecutor.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Endpoint.TCP, Endpoint.SHM})
    void cancellingAnAsynchronousCallInterruptsItsServantInTheServerJvm(String transport) throws Exception {
        client = clientOver(transport);
        Sleeper sleeper = client.connect(remoteRef, Sleeper.class);
        AsyncSleeper async = client.connect(remoteRef, AsyncSleeper.class);
        String tag = transport + "-async";
        CompletableFuture<String> call = async.sleep(tag, 20_000);
        awaitOutcome(sleeper, tag, "running"::equals, 10_000);
        if (transport.equals(Endpoint.SHM)) {
            assertTrue(SharedMemoryFixtures.ringMappings(ProcessHandle.current().pid(), shmBase) > 0,
                    "the call went over shared memory");
        }
        long start = System.nanoTime();
        assertTrue(call.cancel(true));
        String outcome = awaitOutcome(sleeper, tag, o -> !o.equals("running"), STOP_WITHIN_MILLIS);
        assertEquals("interrupted, cancelled=true", outcome,
                "the servant was interrupted, and its context reported the cancellation");
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(took < STOP_WITHIN_MILLIS, "stopped after " + took + " ms");
        assertEquals("slept 1", sleeper.sleep(tag + "-next", 1), "the connection serves the next call");
    }

    @Test
    void interruptingASynchronousCallerCancelsTheCallInTheServerJvm() throws Exception {
        client = clientOver(Endpoint.TCP);
        Sleeper sleeper = client.connect(remoteRef, Sleeper.class);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                sleeper.sleep("sync", 20_000);
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "interrupted-caller");
        caller.start();
        awaitOutcome(sleeper, "sync", "running"::equals, 10_000);
        caller.interrupt();
        caller.join(5_000);
        OrbException cancelled = (OrbException) failure.get();
        assertEquals(ErrorCode.CANCELLED, cancelled.code(), String.valueOf(cancelled));
        assertEquals("interrupted, cancelled=true",
                awaitOutcome(sleeper, "sync", o -> !o.equals("running"), STOP_WITHIN_MILLIS));
    }

    @Test
    void cancellingAFinishedCallIsHarmless() throws Exception {
        client = clientOver(Endpoint.TCP);
        Sleeper sleeper = client.connect(remoteRef, Sleeper.class);
        AsyncSleeper async = client.connect(remoteRef, AsyncSleeper.class);
        CompletableFuture<String> call = async.sleep("finished", 1);
        assertEquals("slept 1", call.get(10, TimeUnit.SECONDS));
        assertFalse(call.cancel(true), "a completed future cannot be cancelled");
        assertEquals("slept", sleeper.outcome("finished"));
        assertEquals("slept 2", sleeper.sleep("after-finished", 2));
    }

    @Test
    void cancellationFollowsANestedCallIntoTheNextServer() throws Exception {
        // Client → local server (forwardSleep) → server JVM (sleep): cancelling the client's future interrupts the
        // local servant, whose interrupted nested call cancels the call in the server JVM in turn.
        SleeperImpl hop = startLocalServer(Executors.newCachedThreadPool());
        client = clientOver(Endpoint.TCP);
        AsyncSleeper async = client.connect(localServer.export(hop), AsyncSleeper.class);
        Sleeper remote = client.connect(remoteRef, Sleeper.class);
        CompletableFuture<String> call = async.forwardSleep("chain", 20_000);
        awaitOutcome(remote, "chain/nested", "running"::equals, 10_000);
        assertTrue(call.cancel(true));
        assertEquals("interrupted, cancelled=true",
                awaitOutcome(remote, "chain/nested", o -> !o.equals("running"), STOP_WITHIN_MILLIS),
                "the nested call was cancelled in the next server");
        assertEquals("nested CANCELLED MAYBE", awaitOutcome(hop, "chain", o -> !o.equals("running"), 5_000),
                "the local servant's nested call ended as cancelled");
    }

    @Test
    void cancellationFollowsTheNestedCallWhoseFutureAnAsynchronousServantReturned() throws Exception {
        SleeperImpl hop = startLocalServer(Executors.newCachedThreadPool());
        client = clientOver(Endpoint.TCP);
        AsyncSleeper async = client.connect(localServer.export(hop), AsyncSleeper.class);
        Sleeper remote = client.connect(remoteRef, Sleeper.class);
        CompletableFuture<String> call = async.forwardHold("async-chain");
        awaitOutcome(remote, "async-chain/nested", "running"::equals, 10_000);
        assertTrue(call.cancel(true));
        assertEquals("future cancelled",
                awaitOutcome(remote, "async-chain/nested", o -> !o.equals("running"), STOP_WITHIN_MILLIS),
                "cancelling the servant's future (the nested call's) cancelled the nested call in the next server");
    }

    @Test
    void aNestedCallOfAServantPastItsDeadlineFailsFastWithoutBeingSent() throws Exception {
        SleeperImpl hop = startLocalServer(Executors.newCachedThreadPool());
        client = clientOver(Endpoint.TCP);
        Sleeper sleeper = client.connect(localServer.export(hop), Sleeper.class);
        assertThrows(DeadlineExceededException.class,
                () -> Calls.withTimeout(Duration.ofMillis(200), () -> sleeper.overrunThenForward("overrun")));
        String outcome = awaitOutcome(hop, "overrun", o -> !o.equals("running"), 5_000);
        assertTrue(outcome.startsWith("cancelled before=false after=true, nested DEADLINE_EXCEEDED NO after "),
                outcome);
        long nestedMillis = Long.parseLong(outcome.replaceAll(".* after (\\d+) ms$", "$1"));
        assertTrue(nestedMillis < 500, "the nested call failed at once: " + outcome);
        assertEquals("never ran", client.connect(remoteRef, Sleeper.class).outcome("overrun/nested"),
                "nothing was sent to the next server");
    }

    @Test
    void aCancelledCallStillQueuedNeverRuns() throws Exception {
        SleeperImpl servant = startLocalServer(Executors.newSingleThreadExecutor());
        client = clientOver(Endpoint.TCP);
        RemoteRef ref = localServer.export(servant);
        AsyncSleeper async = client.connect(ref, AsyncSleeper.class);
        CompletableFuture<String> blocker = async.sleep("blocker", 700);
        awaitOutcome(servant, "blocker", "running"::equals, 5_000);
        CompletableFuture<String> queued = async.sleep("queued", 1);
        assertTrue(queued.cancel(true));
        assertEquals("slept 700", blocker.get(10, TimeUnit.SECONDS));
        // Asked through the single servant thread: it has taken the queued call off the queue by then.
        assertEquals("never ran", client.connect(ref, Sleeper.class).outcome("queued"));
    }

    @Test
    void cancellingAnAsynchronousServantsCallCancelsItsFuture() throws Exception {
        SleeperImpl servant = startLocalServer(Executors.newCachedThreadPool());
        client = clientOver(Endpoint.TCP);
        AsyncSleeper async = client.connect(localServer.export(servant), AsyncSleeper.class);
        CompletableFuture<String> held = async.hold("held");
        awaitOutcome(servant, "held", "running"::equals, 5_000);
        assertTrue(held.cancel(true));
        assertEquals("future cancelled", awaitOutcome(servant, "held", o -> !o.equals("running"),
                STOP_WITHIN_MILLIS));
    }

    @Test
    void cancellingANameBoundProxysCallReachesTheReplicaItWentTo() throws Exception {
        int namingPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            namingPort = free.getLocalPort();
        }
        serverExecutor = Executors.newCachedThreadPool();
        localServer = Orb.builder().name("named-sleeper").sharedMemory(false).executor(serverExecutor)
                .naming(NamingConfig.embedded(namingPort)).shutdownTimeout(Duration.ofMillis(200)).build();
        SleeperImpl servant = new SleeperImpl();
        localServer.naming().bind("sleepers/one", servant);
        client = Orb.builder().name("named-client").sharedMemory(false).naming(NamingConfig.embedded(namingPort))
                .build();
        AsyncSleeper byName = client.naming().lookup("sleepers/one", AsyncSleeper.class);
        CompletableFuture<String> call = byName.sleep("named", 20_000);
        awaitOutcome(servant, "named", "running"::equals, 10_000);
        assertTrue(call.cancel(true));
        assertEquals("interrupted, cancelled=true",
                awaitOutcome(servant, "named", o -> !o.equals("running"), STOP_WITHIN_MILLIS),
                "the failover future passed the cancellation on to the attempt in flight");
    }

    /** A server Orb in this JVM (TCP only) whose servants run on {@code executor}; its nested calls go to the JVM. */
    private SleeperImpl startLocalServer(ExecutorService executor) {
        serverExecutor = executor; // shut down after the test
        localServer = Orb.builder().name("local-sleeper").sharedMemory(false).executor(executor)
                .shutdownTimeout(Duration.ofMillis(200)).build();
        SleeperImpl servant = new SleeperImpl();
        servant.next = localServer.connect(remoteRef, Sleeper.class);
        return servant;
    }

    private Orb clientOver(String transport) {
        return transport.equals(Endpoint.SHM) ? SharedMemoryFixtures.client("cancel-client", shmBase)
                : Orb.builder().name("cancel-client").sharedMemory(false).build();
    }

    /** Polls the outcome of {@code tag} until {@code accept} takes it; fails after {@code millis}. */
    private static String awaitOutcome(Sleeper sleeper, String tag, Predicate<String> accept, long millis)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        String outcome = sleeper.outcome(tag);
        while (!accept.test(outcome)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("outcome of '" + tag + "' still '" + outcome + "' after " + millis + " ms");
            }
            Thread.sleep(10);
            outcome = sleeper.outcome(tag);
        }
        return outcome;
    }
}
