package io.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.parley.Completion;
import io.parley.ErrorCode;
import io.parley.Orb;
import io.parley.OrbException;
import io.parley.RemoteRef;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The call limits: past {@code maxCallsPerConnection} or {@code maxCalls} a call is answered at once with
 * RESOURCE_EXHAUSTED (completion NO) and its servant does not run, oneway calls are dropped, other connections are
 * served on; the client refuses calls past {@code maxPendingCalls[PerConnection]} without sending them.
 */
@Timeout(60)
class OverloadTest {

    @Test
    void callsBeyondTheServersLimitsAreRefusedAtOnceWhileOtherConnectionsAreServed() throws Exception {
        GateImpl gate = new GateImpl();
        try (Orb server = Orb.builder().name("limits-server").sharedMemory(false).maxCallsPerConnection(3)
                .maxCalls(5).build();
                Orb first = Orb.builder().name("first").build();
                Orb second = Orb.builder().name("second").build();
                Orb third = Orb.builder().name("third").build()) {
            RemoteRef ref = server.export("gate", gate);
            Gate a = first.connect(ref, Gate.class);
            List<CompletableFuture<String>> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(a.held("a" + i));
            }
            awaitTrue(() -> gate.entered.get() == 3, "three calls reach the servant");

            long start = System.nanoTime();
            OrbException perConnection = failure(() -> a.held("a3"));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "refused at once, not at a deadline");
            assertExhausted(perConnection, "maxCallsPerConnection=3");

            Gate b = second.connect(ref, Gate.class);
            assertEquals(7, b.echo(7), "another connection is served");
            held.add(b.held("b0"));
            awaitTrue(() -> gate.entered.get() == 4, "the second connection's call reaches the servant");
            held.add(b.held("b1"));
            awaitTrue(() -> gate.entered.get() == 5, "five calls in flight, the Orb's limit");

            OrbException perOrb = failure(() -> third.connect(ref, Gate.class).held("c0"));
            assertExhausted(perOrb, "maxCalls=5");
            assertEquals(5, gate.entered.get(), "no refused call reached the servant");

            gate.open();
            for (CompletableFuture<String> call : held) {
                assertTrue(call.get(10, TimeUnit.SECONDS).startsWith("passed"));
            }
            assertEquals("passed again", a.held("again").get(10, TimeUnit.SECONDS), "served again once below");
        }
    }

    @Test
    void onewayCallsBeyondTheLimitAreDropped() throws Exception {
        GateImpl gate = new GateImpl();
        try (Orb server = Orb.builder().name("oneway-server").sharedMemory(false).maxCallsPerConnection(2).build();
                Orb client = Orb.builder().name("oneway-client").build()) {
            Gate remote = client.connect(server.export("gate", gate), Gate.class);
            for (int i = 0; i < 5; i++) {
                remote.knock("k" + i);
            }
            awaitTrue(() -> gate.entered.get() == 2, "two knocks reach the servant");
            Thread.sleep(200);
            assertEquals(2, gate.entered.get(), "the other three were dropped, not queued");
            gate.open();
            // Frames of one connection are handled in order: once this call is served, every knock was handled.
            awaitTrue(() -> echoes(remote), "calls are served again once the knocks finished");
            assertEquals(2, gate.entered.get(), "dropped oneway calls never run");
        }
    }

    @Test
    void theClientRefusesCallsBeyondItsPendingLimitsWithoutSendingThem() throws Exception {
        GateImpl one = new GateImpl();
        GateImpl two = new GateImpl();
        try (Orb server1 = Orb.builder().name("pending-server-1").sharedMemory(false).build();
                Orb server2 = Orb.builder().name("pending-server-2").sharedMemory(false).build();
                Orb client = Orb.builder().name("pending-client").maxPendingCallsPerConnection(2)
                        .maxPendingCalls(3).build()) {
            Gate gate1 = client.connect(server1.export("gate", one), Gate.class);
            Gate gate2 = client.connect(server2.export("gate", two), Gate.class);
            List<CompletableFuture<String>> held = new ArrayList<>(List.of(gate1.held("1"), gate1.held("2")));
            assertExhausted(failure(() -> gate1.held("3")), "maxPendingCallsPerConnection=2");
            held.add(gate2.held("4"));
            assertExhausted(failure(() -> gate2.held("5")), "maxPendingCalls=3");
            awaitTrue(() -> one.entered.get() == 2 && two.entered.get() == 1, "admitted calls reach the servants");
            Thread.sleep(100);
            assertEquals(2, one.entered.get(), "a refused call was never sent");
            assertEquals(1, two.entered.get(), "a refused call was never sent");
            one.open();
            two.open();
            for (CompletableFuture<String> call : held) {
                call.get(10, TimeUnit.SECONDS);
            }
            // Replies free their places: the limits count calls awaiting replies, not calls ever made.
            assertEquals("passed 6", gate2.held("6").get(10, TimeUnit.SECONDS));
            assertEquals(42, gate1.echo(42));
        }
    }

    private static boolean echoes(Gate gate) {
        try {
            return gate.echo(1) == 1;
        } catch (OrbException e) {
            if (e.code() != ErrorCode.RESOURCE_EXHAUSTED) {
                throw e;
            }
            return false;
        }
    }

    static void assertExhausted(OrbException e, String limit) {
        assertEquals(ErrorCode.RESOURCE_EXHAUSTED, e.code(), e.toString());
        assertEquals(Completion.NO, e.completion(), e.toString());
        assertTrue(e.getMessage().contains(limit), "the message names the limit: " + e.getMessage());
    }

    /** The failure of an asynchronous call, whether the proxy threw it or the future carries it. */
    static OrbException failure(Supplier<CompletableFuture<?>> call) throws InterruptedException {
        try {
            call.get().get(10, TimeUnit.SECONDS);
        } catch (OrbException e) {
            return e;
        } catch (ExecutionException e) {
            return assertInstanceOf(OrbException.class, e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            fail("the call was neither refused nor answered within 10 s");
        }
        return fail("the call succeeded; expected RESOURCE_EXHAUSTED");
    }

    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within 10 s: " + what);
            }
            Thread.sleep(5);
        }
    }
}
