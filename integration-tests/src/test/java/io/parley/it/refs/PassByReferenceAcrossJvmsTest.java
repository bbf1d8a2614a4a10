package io.parley.it.refs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.ErrorCode;
import io.parley.Orb;
import io.parley.OrbException;
import io.parley.RemoteRef;
import io.parley.testing.JavaProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * References across processes: a hub in a second JVM ("A") hands out counters as results, record fields and list
 * elements; this JVM ("B") is a client that listens on no port and passes callback objects; a third JVM ("C") runs
 * another hub, which calls a counter of A that B handed to it.
 */
@Timeout(90)
class PassByReferenceAcrossJvmsTest {
    private static JavaProcess serverA;
    private static JavaProcess serverC;
    private static Orb client;
    private static Hub hubA;
    private static Hub hubC;

    @BeforeAll
    static void start() {
        serverA = JavaProcess.start(HubServer.class, "A");
        serverC = JavaProcess.start(HubServer.class, "C");
        RemoteRef refA = RemoteRef.parse(serverA.awaitValue("REF ", Duration.ofSeconds(30)));
        RemoteRef refC = RemoteRef.parse(serverC.awaitValue("REF ", Duration.ofSeconds(30)));
        client = Orb.builder().name("refs-client").sharedMemory(false).build();
        hubA = client.connect(refA, Hub.class);
        hubC = client.connect(refC, Hub.class);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        for (JavaProcess process : new JavaProcess[] {serverA, serverC}) {
            if (process != null) {
                process.close();
            }
        }
    }

    @Test
    void referenceAsResultCallsTheObjectInItsOwnProcess() {
        Counter counter = hubA.newCounter("result");
        assertEquals("result", counter.name());
        assertEquals(1, counter.increment());
        assertEquals(2, counter.increment());
        assertTrue(hubA.isOwnServant(counter), "passed back to its owner, the reference is the servant itself");
        client.release(counter);
    }

    @Test
    void referencesInRecordFieldsAndListElements() {
        Hub.Labelled labelled = hubA.labelled("field");
        assertEquals("label-field", labelled.label());
        assertEquals(1, labelled.counter().increment());
        assertEquals("field", labelled.counter().name());

        List<Counter> counters = hubA.counters(3);
        assertEquals(3, counters.size());
        for (int i = 0; i < counters.size(); i++) {
            assertEquals("c" + i, counters.get(i).name());
            assertEquals(1, counters.get(i).increment());
        }
        assertEquals(2, counters.get(1).increment(), "each element is its own object");
        counters.forEach(client::release);
        client.release(labelled.counter());
    }

    @Test
    void callbackReachesClientWithoutOpenPort() {
        assertTrue(client.endpoint().isEmpty(), "the client must listen nowhere for this test to mean anything");
        List<String> events = new CopyOnWriteArrayList<>();
        Listener listener = events::add;
        hubA.subscribe(listener);
        try {
            assertEquals(1, hubA.publish("first"));
            assertEquals(1, hubA.publish("second"));
            assertEquals(List.of("first", "second"), events);
            assertTrue(client.endpoint().isEmpty(), "passing a callback opened no listener");
        } finally {
            hubA.clear();
        }
    }

    @Test
    void aHeldCallbackIsCalledPromptlyWhileItsOwnerMakesNoCall() throws Exception {
        // The client is idle when the hub calls back: its connection must still be read while the hub holds a lease
        // on one of its objects (a transport may leave a connection unread when nothing is awaited on it).
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        Listener listener = events::add;
        hubA.subscribe(listener);
        try {
            for (int i = 0; i < 5; i++) {
                hubA.publishAfter("later-" + i, 50);
                long start = System.nanoTime();
                String event = events.poll(5, TimeUnit.SECONDS);
                long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals("later-" + i, event, "the held listener was not called back");
                assertTrue(tookMillis < 700, "the callback took " + tookMillis + " ms: the idle client's connection"
                        + " was not read when it came");
            }
        } finally {
            hubA.clear();
        }
    }

    @Test
    void callbackPassedBackToItsOwnerIsTheServantItself() {
        Listener listener = event -> { };
        assertSame(listener, hubA.echo(listener));
    }

    @Test
    void referenceHandedFromAToBToCIsCalledByC() {
        Counter counter = hubA.newCounter("handed");
        assertEquals(1, counter.increment());
        // C gets A's counter from B (not from its owner), reaches A on A's endpoint and announces its lease.
        assertEquals(2, hubC.increment(counter));
        assertEquals(3, hubC.increment(counter));
        assertEquals(4, counter.increment(), "B and C call the same object in A");
        client.release(counter);
    }

    @Test
    void releasedProxyEndsItsLeaseAndCannotBeCalled() {
        int before = hubA.implicitExports();
        Counter counter = hubA.newCounter("released");
        assertEquals(before + 1, hubA.implicitExports());
        assertTrue(client.release(counter));
        assertFalse(client.release(counter), "a second release does nothing");
        OrbException e = assertThrows(OrbException.class, counter::increment);
        assertEquals(ErrorCode.INVALID_CONFIGURATION, e.code());
        assertTrue(e.getMessage().contains("released"), e.getMessage());
        awaitAtMost(before, hubA::implicitExports, Duration.ofSeconds(10));
    }

    @Test
    void collectedProxyEndsItsLease() {
        int before = hubA.implicitExports();
        holdBriefly();
        assertEquals(before + 1, hubA.implicitExports());
        // Nothing refers to the proxy any more: allocate until the Cleaner has seen it go (bounded).
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<byte[]> garbage = new ArrayList<>();
        while (hubA.implicitExports() > before) {
            assertTrue(System.nanoTime() < deadline, "the collected proxy's lease never ended");
            for (int i = 0; i < 64; i++) {
                garbage.add(new byte[64 * 1024]);
            }
            garbage.clear();
            sleep(20);
        }
    }

    private static void holdBriefly() {
        Counter counter = hubA.newCounter("collected");
        assertEquals(1, counter.increment());
    }

    static void awaitAtMost(int expected, IntSupplier actual, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int value;
        while ((value = actual.getAsInt()) > expected) {
            assertTrue(System.nanoTime() < deadline, "still " + value + ", expected at most " + expected);
            sleep(20);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
