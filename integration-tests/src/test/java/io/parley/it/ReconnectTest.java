package io.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parley.Completion;
import io.parley.Orb;
import io.parley.RemoteRef;
import io.parley.UnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connections are pooled per endpoint and reopened after a loss; a named reference survives a server restart. */
@Timeout(60)
class ReconnectTest {

    @Test
    void namedReferenceWorksAgainAfterTheServerRestarts() throws InterruptedException {
        Orb first = Orb.builder().name("first").build();
        RemoteRef ref = first.export(new ShopImpl());
        int port = ref.endpoints().get(0).port();
        try (Orb client = Orb.builder().build()) {
            Shop shop = client.connect(ref, Shop.class);
            assertEquals(3, shop.add(1, 2));
            first.close();
            Thread.sleep(300); // let the client see the connection close, so the next call is provably not sent
            UnavailableException down = assertThrows(UnavailableException.class, () -> shop.add(1, 2));
            assertEquals(Completion.NO, down.completion(), down.toString());
            try (Orb second = Orb.builder().name("second").port(port).build()) {
                second.export(new ShopImpl());
                assertEquals(5, shop.add(2, 3), "the same proxy reconnects to the restarted server");
            }
        }
    }
}
