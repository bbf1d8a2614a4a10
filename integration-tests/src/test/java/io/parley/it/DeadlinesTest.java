package io.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Calls;
import io.parley.Completion;
import io.parley.DeadlineExceededException;
import io.parley.Orb;
import io.parley.Remote;
import io.parley.RemoteRef;
import io.parley.Timeout;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every call has a deadline: from the call's scope, the method, the interface or the Orb, in that order. */
@org.junit.jupiter.api.Timeout(60)
class DeadlinesTest {

    /** The shop as an impatient client declares it: same service, same wire, a 200 ms method deadline. */
    @Remote(name = "Shop")
    @Timeout(5000)
    public interface ImpatientShop {
        @Timeout(200)
        String slow(int millis);

        int add(int a, int b);
    }

    private Orb server;
    private Orb client;
    private RemoteRef ref;

    @BeforeEach
    void start() {
        // The tests leave slow calls running on purpose; closing need not wait for them.
        server = Orb.builder().name("deadline-server").shutdownTimeout(Duration.ofMillis(100)).build();
        ref = server.export(new ShopImpl());
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    @Test
    void methodTimeoutAppliesWhenTheCallSetsNone() {
        client = Orb.builder().build();
        ImpatientShop shop = client.connect(ref, ImpatientShop.class);
        assertTook(150, 2000, () -> assertThrows(DeadlineExceededException.class, () -> shop.slow(3000)));
        assertEquals(3, shop.add(1, 2));
    }

    @Test
    void orbDefaultTimeoutAppliesWhenNothingElseDoes() {
        client = Orb.builder().defaultTimeout(Duration.ofMillis(250)).build();
        Shop shop = client.connect(ref, Shop.class);
        DeadlineExceededException e = assertTook(200, 2000,
                () -> assertThrows(DeadlineExceededException.class, () -> shop.slow(3000)));
        assertEquals(Completion.MAYBE, e.completion());
        assertTrue(e.getMessage().contains("Shop.slow"), e.getMessage());
    }

    @Test
    void scopeDeadlineOverridesTheMethodsAndIsSharedByItsCalls() {
        client = Orb.builder().build();
        ImpatientShop shop = client.connect(ref, ImpatientShop.class);
        assertEquals("done after 400", Calls.withTimeout(Duration.ofSeconds(5), () -> shop.slow(400)),
                "a longer scope deadline wins over the method's 200 ms");
        assertTook(250, 2500, () -> assertThrows(DeadlineExceededException.class,
                () -> Calls.withTimeout(Duration.ofMillis(700), () -> shop.add(1, 1) + shop.slow(400).length()
                        + shop.slow(400).length())));
    }

    @Test
    void asynchronousCallFailsAtItsDeadlineWithoutBlockingTheCaller() throws Exception {
        client = Orb.builder().build();
        Shop shop = client.connect(ref, Shop.class);
        CompletableFuture<String> late = Calls.withTimeout(Duration.ofMillis(200), () -> shop.greetLater("x", 3000));
        assertTrue(!late.isDone());
        ExecutionException e = assertThrows(ExecutionException.class, () -> late.get(5, TimeUnit.SECONDS));
        assertInstanceOf(DeadlineExceededException.class, e.getCause());
        assertEquals("hello y", shop.greetLater("y", 1).get(5, TimeUnit.SECONDS));
    }

    @Test
    void serverAbandonsACallWhoseDeadlinePassedBeforeItCouldStart() throws Exception {
        // One servant thread, kept busy: the second call waits in the queue past its deadline and is not run.
        java.util.concurrent.ExecutorService oneThread = java.util.concurrent.Executors.newSingleThreadExecutor();
        Orb busyServer = Orb.builder().name("busy-server").executor(oneThread)
                .shutdownTimeout(Duration.ofMillis(100)).build();
        try {
            RecordingShop servant = new RecordingShop();
            RemoteRef busyRef = busyServer.export(servant);
            client = Orb.builder().build();
            Shop shop = client.connect(busyRef, Shop.class);
            CompletableFuture<String> blocker = CompletableFuture.supplyAsync(() -> shop.slow(800));
            Thread.sleep(200);
            assertThrows(DeadlineExceededException.class,
                    () -> Calls.withTimeout(Duration.ofMillis(100), () -> shop.add(1, 1)));
            assertEquals("done after 800", blocker.get(10, TimeUnit.SECONDS));
            Thread.sleep(100);
            assertEquals(0, servant.adds, "the abandoned call never ran");
        } finally {
            busyServer.close();
            oneThread.shutdownNow();
        }
    }

    /** Counts calls of add. */
    public static class RecordingShop extends ShopImpl {
        volatile int adds;

        @Override
        public int add(int a, int b) {
            adds++;
            return super.add(a, b);
        }
    }

    private static <T> T assertTook(long minMillis, long maxMillis, java.util.function.Supplier<T> action) {
        long start = System.nanoTime();
        T result = action.get();
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(took >= minMillis && took <= maxMillis, "took " + took + " ms, expected " + minMillis + " to "
                + maxMillis);
        return result;
    }
}
