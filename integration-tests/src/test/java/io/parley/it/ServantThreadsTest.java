package io.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.parley.Orb;
import io.parley.RemoteRef;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Where a blocking servant runs over TCP: on the server thread that read its request, which hands reading over only
 * when the call runs long (docs/architecture.md, "Servant calls on the reading thread"). A sequential call crosses no
 * thread; a servant that blocks holds up no other call, not even one of its own connection that it waits for.
 */
@Timeout(60)
class ServantThreadsTest {
    private static final String READING_THREAD = "-tcp-serve-";

    @Test
    void sequentialCallsRunOnTheThreadThatReadThem() {
        try (Orb server = Orb.builder().name("baton-server").sharedMemory(false).build();
                Orb client = Orb.builder().name("baton-client").sharedMemory(false).build()) {
            Baton baton = client.connect(server.export("baton", new BatonImpl()), Baton.class);
            // A machine busy enough to hold a call past the stall budget twice in a second sends calls to the
            // executor for a second: a noisy moment may not fail the test, a path that never runs them here does.
            awaitTrue(() -> allOf(20, i -> baton.threadName().startsWith("baton-server" + READING_THREAD)),
                    "20 sequential calls in a row run on the reading thread (last: " + baton.threadName() + ")");
        }
    }

    @Test
    void aBlockedServantHoldsUpNoOtherCallEvenTheOneItWaitsFor() throws Exception {
        BatonImpl servant = new BatonImpl();
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (Orb server = Orb.builder().name("stall-server").sharedMemory(false).build();
                Orb client = Orb.builder().name("stall-client").sharedMemory(false).build();
                Orb other = Orb.builder().name("stall-other").sharedMemory(false).build()) {
            RemoteRef ref = server.export("baton", servant);
            Baton baton = client.connect(ref, Baton.class);
            assertEquals(3, baton.add(1, 2), "connected");

            Future<Integer> blocked = callers.submit(() -> baton.awaitRelease(7));
            awaitTrue(() -> servant.waiting.get() == 1, "the first call reaches its servant and blocks");

            long start = System.nanoTime();
            assertEquals(5, baton.add(2, 3), "a call on the same connection is answered meanwhile");
            assertEquals(9, other.connect(ref, Baton.class).add(4, 5), "and one on another connection");
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "without waiting for the blocked one");
            assertFalse(blocked.isDone(), "the first call still waits");

            baton.release(7); // the call the blocked servant waits for, on its own connection
            assertEquals(7, blocked.get(10, TimeUnit.SECONDS));
            // A relieved loop sends calls to the executor for a second, then runs them on its reading thread again.
            awaitTrue(() -> baton.threadName().contains(READING_THREAD), "calls run on the reading thread again");
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void answersOfCallsRunBeforeABlockedOneAreNotHeldBackByIt() throws Exception {
        BatonImpl servant = new BatonImpl();
        int threads = 6;
        ExecutorService callers = Executors.newFixedThreadPool(threads + 1);
        try (Orb server = Orb.builder().name("flush-server").sharedMemory(false).build();
                Orb client = Orb.builder().name("flush-client").sharedMemory(false).build()) {
            Baton baton = client.connect(server.export("baton", servant), Baton.class);
            for (int round = 0; round < 5; round++) {
                int token = 100 + round;
                // Sent together, so that fast calls and the blocking one often share a driver's run of calls.
                List<Future<Integer>> fast = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int base = 1000 * t;
                    fast.add(callers.submit(() -> {
                        int sum = 0;
                        for (int i = 0; i < 20; i++) {
                            sum += baton.add(base, i) - base;
                        }
                        return sum;
                    }));
                }
                Future<Integer> blocked = callers.submit(() -> baton.awaitRelease(token));
                for (Future<Integer> calls : fast) {
                    assertEquals(190, calls.get(5, TimeUnit.SECONDS), "round " + round + ": answered while one blocks");
                }
                assertFalse(blocked.isDone(), "round " + round + ": the blocking call still waits");
                baton.release(token);
                assertEquals(token, blocked.get(10, TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aServantOnTheReadingThreadCallsBackOverItsConnection() {
        try (Orb server = Orb.builder().name("echo-server").sharedMemory(false).build();
                Orb client = Orb.builder().name("echo-client").sharedMemory(false).build()) {
            Baton baton = client.connect(server.export("baton", new BatonImpl()), Baton.class);
            Tally tally = value -> value + 1;
            for (int i = 0; i < 10; i++) {
                String answer = baton.callBack(tally, 10 * i);
                assertTrue(answer.startsWith((10 * i + 1) + " "), "call " + i + " answered " + answer);
            }
            awaitTrue(() -> allOf(10, i -> baton.callBack(tally, i).equals((i + 1) + " " + threadOf(baton))
                    && threadOf(baton).startsWith("echo-server" + READING_THREAD)),
                    "10 calls in a row call back from the reading thread (last: " + baton.callBack(tally, 1) + ")");
        }
    }

    @Test
    void manyCallersMixingFastAndSlowServantsAllGetTheirOwnAnswers() throws Exception {
        int threads = 8;
        int callsEach = 250;
        ExecutorService callers = Executors.newFixedThreadPool(threads + 1);
        try (Orb server = Orb.builder().name("mixed-server").sharedMemory(false).build();
                Orb client = Orb.builder().name("mixed-client").sharedMemory(false).build();
                Orb other = Orb.builder().name("mixed-other").sharedMemory(false).build()) {
            RemoteRef ref = server.export("baton", new BatonImpl());
            Baton baton = client.connect(ref, Baton.class);
            Baton second = other.connect(ref, Baton.class);
            AtomicInteger answered = new AtomicInteger();
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * 100_000;
                Baton proxy = t % 2 == 0 ? baton : second;
                runs.add(callers.submit(() -> {
                    for (int i = 0; i < callsEach; i++) {
                        int value = base + i;
                        int answer = i % 25 == 0 ? proxy.slow(value, 3) : proxy.add(value, 1) - 1;
                        assertEquals(value, answer, "the answer to call " + value);
                        answered.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(50, TimeUnit.SECONDS);
            }
            assertEquals(threads * callsEach, answered.get());
        } finally {
            callers.shutdownNow();
        }
    }

    private static String threadOf(Baton baton) {
        return baton.threadName();
    }

    private static boolean allOf(int calls, java.util.function.IntPredicate call) {
        for (int i = 0; i < calls; i++) {
            if (!call.test(i)) {
                return false;
            }
        }
        return true;
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within 10 s: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for: " + what);
            }
        }
    }
}
