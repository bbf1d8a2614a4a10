package io.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Orb;
import io.parley.Remote;
import io.parley.RemoteRef;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With a real Orb on each side of a shared-memory connection (both in this JVM), a blocking servant's call runs on
 * the server's shm receive thread, not on its servant executor; one that blocks does not hold up the next call of
 * the same client, even the call it waits for.
 */
@Timeout(30)
class SharedMemoryInlineServantsTest {
    private static final String SERVER = "inline-server";

    /** The servant of these tests: tells where it runs, and waits for a gate another call opens. */
    @Remote
    public interface Gate {
        String servingThread();

        String awaitOpen(int maxMillis);

        void open();
    }

    static final class GateImpl implements Gate {
        final CountDownLatch opened = new CountDownLatch(1);
        final CountDownLatch waiting = new CountDownLatch(1);

        @Override
        public String servingThread() {
            return Thread.currentThread().getName();
        }

        @Override
        public String awaitOpen(int maxMillis) {
            waiting.countDown();
            try {
                return opened.await(maxMillis, TimeUnit.MILLISECONDS) ? Thread.currentThread().getName() : "timeout";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }

        @Override
        public void open() {
            opened.countDown();
        }
    }

    private Path base;
    private Orb server;
    private Orb client;
    private GateImpl servant;
    private Gate gate;

    @BeforeEach
    void start() {
        base = SharedMemoryFixtures.newShmBase();
        server = SharedMemoryFixtures.client(SERVER, base);
        servant = new GateImpl();
        RemoteRef ref = server.export("gate", servant);
        client = SharedMemoryFixtures.client("inline-client", base);
        gate = client.connect(ref, Gate.class);
    }

    @AfterEach
    void stop() {
        if (servant != null) {
            servant.open();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        SharedMemoryFixtures.deleteTree(base);
    }

    @Test
    void sequentialCallsRunOnTheSharedMemoryReceiveThread() {
        // A stall of this machine past the 1 ms budget sends calls to the executor for a second: count until enough
        // ran on the receive thread.
        int onReceiveThread = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (onReceiveThread < 100 && System.nanoTime() < deadline) {
            String thread = gate.servingThread();
            if (thread.matches(SERVER + "-shm-\\d+")) {
                onReceiveThread++;
            }
        }
        assertEquals(100, onReceiveThread, "calls served on the server's shm receive thread");
        assertTrue(SharedMemoryFixtures.ringMappings(ProcessHandle.current().pid(), base) > 0,
                "the calls did not go through shared memory");
    }

    @Test
    void servantWaitingForTheNextCallOfTheSameClientIsRelieved() throws Exception {
        gate.servingThread(); // connected, and warm
        CompletableFuture<String> blocked = CompletableFuture.supplyAsync(() -> gate.awaitOpen(15_000),
                runnable -> new Thread(runnable, "blocked-caller").start());
        assertTrue(servant.waiting.await(10, TimeUnit.SECONDS), "the first call never reached its servant");
        String other = gate.servingThread();
        assertFalse(blocked.isDone(), "the blocked call returned before the gate opened");
        assertTrue(other.startsWith(SERVER + "-"), other);
        gate.open(); // a call of the same client that the blocked servant waits for
        String blockedOn = blocked.get(10, TimeUnit.SECONDS);
        assertTrue(blockedOn.matches(SERVER + "-shm-\\d+"), "the blocked servant ran on " + blockedOn);
    }
}
