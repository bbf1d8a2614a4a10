package io.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Calls;
import io.parley.Completion;
import io.parley.DeadlineExceededException;
import io.parley.MethodNotFoundException;
import io.parley.ObjectNotFoundException;
import io.parley.Orb;
import io.parley.Remote;
import io.parley.RemoteFailureException;
import io.parley.RemoteRef;
import io.parley.testing.JavaProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A client in this JVM calls a servant exported by a server in a second JVM, over TCP. */
@Timeout(60)
class RemoteCallsAcrossJvmsTest {
    private static JavaProcess server;
    private static Orb client;
    private static RemoteRef ref;
    private static Shop shop;

    @BeforeAll
    static void startServer() {
        server = JavaProcess.start(ShopServer.class);
        ref = RemoteRef.parse(server.awaitValue("REF ", Duration.ofSeconds(30)));
        client = Orb.builder().name("shop-client").build();
        shop = client.connect(ref, Shop.class);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void synchronousCallReturnsTheServantsResult() throws Shop.OutOfStock {
        assertEquals(5, shop.add(2, 3));
        assertEquals(Integer.MIN_VALUE, shop.add(Integer.MAX_VALUE, 1));
        assertEquals(new Shop.Order("tea", 3), shop.place(new Shop.Order("tea", 3)));
    }

    @Test
    void asynchronousCallsBlockNoThreadWhileInFlight() throws Exception {
        List<CompletableFuture<String>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            futures.add(shop.greetLater("n" + i, 500));
        }
        long issuing = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(issuing < 500, "200 asynchronous calls took " + issuing + " ms to issue: something waited");
        assertTrue(futures.stream().noneMatch(CompletableFuture::isDone), "no answer can be there yet");
        for (int i = 0; i < futures.size(); i++) {
            assertEquals("hello n" + i, futures.get(i).get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void onewayCallIsDeliveredWithoutAnAnswer() throws Exception {
        String event = "event-" + System.nanoTime();
        shop.record(event);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!shop.events().contains(event)) {
            assertTrue(System.nanoTime() < deadline, "the oneway call never reached the servant");
            Thread.sleep(10);
        }
    }

    @Test
    void declaredExceptionReachesTheCallerAsItself() {
        Shop.OutOfStock e = assertThrows(Shop.OutOfStock.class, () -> shop.place(new Shop.Order("tea", 11)));
        assertEquals("only 10 tea left", e.getMessage());
        assertTrue(stackMentions(e, RemoteCallsAcrossJvmsTest.class), "the exception carries the caller's stack");
    }

    @Test
    void undeclaredExceptionBecomesRemoteFailureWithTheRemoteClassAndMessage() {
        RemoteFailureException e = assertThrows(RemoteFailureException.class, () -> shop.crash("boom"));
        assertEquals(IllegalStateException.class.getName(), e.remoteClassName());
        assertEquals("boom", e.remoteMessage());
        assertEquals(Completion.YES, e.completion());
        assertTrue(e.getMessage().contains("Shop.crash"), e.getMessage());
    }

    @Test
    void unknownObjectFailsWithObjectNotFound() {
        Shop missing = client.connect(new RemoteRef("Shop", "no-such-object", ref.endpoints(), 0), Shop.class);
        ObjectNotFoundException e = assertThrows(ObjectNotFoundException.class, () -> missing.add(1, 2));
        assertEquals(Completion.NO, e.completion());
        assertTrue(e.getMessage().contains("no-such-object"), e.getMessage());
        assertEquals(3, shop.add(1, 2), "the connection is still usable");
    }

    /** What a client built against another version of the interface sees. */
    @Remote(name = "Shop")
    public interface NewerShop {
        int refund(int orderId);
    }

    @Test
    void unknownMethodFailsWithMethodNotFound() {
        NewerShop newer = client.connect(new RemoteRef("Shop", "shop", ref.endpoints(), 0), NewerShop.class);
        MethodNotFoundException e = assertThrows(MethodNotFoundException.class, () -> newer.refund(7));
        assertEquals(Completion.NO, e.completion());
        assertTrue(e.getMessage().contains("refund"), e.getMessage());
    }

    @Test
    void callPastItsDeadlineFailsAndTheConnectionStaysUsable() {
        long start = System.nanoTime();
        DeadlineExceededException e = assertThrows(DeadlineExceededException.class,
                () -> Calls.withTimeout(Duration.ofMillis(200), () -> shop.slow(3000)));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(took >= 150 && took < 2500, "failed after " + took + " ms");
        assertEquals(Completion.MAYBE, e.completion());
        assertEquals(7, shop.add(3, 4));
    }

    @Test
    void manyConcurrentCallersShareOneConnection() throws Exception {
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int base = t * 1000;
            results.add(CompletableFuture.supplyAsync(() -> {
                int ok = 0;
                for (int i = 0; i < 200; i++) {
                    if (shop.add(base, i) == base + i) {
                        ok++;
                    }
                }
                return ok;
            }));
        }
        for (CompletableFuture<Integer> result : results) {
            assertEquals(200, result.get(30, TimeUnit.SECONDS));
        }
    }

    private static boolean stackMentions(Throwable e, Class<?> type) {
        for (StackTraceElement element : e.getStackTrace()) {
            if (element.getClassName().equals(type.getName())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void connectingWithTheWrongInterfaceIsRefusedLocally() {
        assertFalse(ref.service().equals("Other"));
        assertThrows(io.parley.OrbException.class, () -> client.connect(
                new RemoteRef("Other", "shop", ref.endpoints(), 0), Shop.class));
    }
}
