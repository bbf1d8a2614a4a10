package io.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Completion;
import io.parley.Orb;
import io.parley.OrbException;
import io.parley.RemoteRef;
import io.parley.testing.JavaProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A server closed in the middle of a load finishes the calls it had accepted. */
@Timeout(60)
class GracefulCloseTest {

    @Test
    void callsInFlightCompleteWhenTheServerClosesGracefully() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(20);
        try (JavaProcess server = JavaProcess.start(ShopServer.class);
                Orb client = Orb.builder().build()) {
            RemoteRef ref = RemoteRef.parse(server.awaitValue("REF ", Duration.ofSeconds(30)));
            Shop shop = client.connect(ref, Shop.class);
            assertEquals(2, shop.add(1, 1));
            List<Future<String>> inFlight = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                inFlight.add(callers.submit(() -> shop.slow(1000)));
            }
            Thread.sleep(300);
            server.send("close");
            for (Future<String> call : inFlight) {
                assertEquals("done after 1000", call.get(20, TimeUnit.SECONDS));
            }
            String closed = server.awaitValue("CLOSED after", Duration.ofSeconds(20));
            assertTrue(Long.parseLong(closed.replace(" ms", "")) >= 300, "close waited for the calls: " + closed);
            OrbException after = assertThrows(OrbException.class, () -> shop.add(1, 1));
            assertEquals(Completion.NO, after.completion(), after.toString());
            assertEquals(0, server.waitFor(Duration.ofSeconds(20)), server.transcript());
        } finally {
            callers.shutdownNow();
        }
    }
}
