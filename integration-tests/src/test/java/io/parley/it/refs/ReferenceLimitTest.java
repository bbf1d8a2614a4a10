package io.parley.it.refs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Completion;
import io.parley.ErrorCode;
import io.parley.Orb;
import io.parley.OrbException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A peer may hold references to a bounded number of objects exported for it. */
@Timeout(30)
class ReferenceLimitTest {

    @Test
    void passingMoreObjectsThanTheLimitFailsNamingTheSetting() {
        try (Orb server = Orb.builder().name("limit-server").sharedMemory(false).build();
                Orb client = Orb.builder().name("limit-client").sharedMemory(false).maxExportsPerPeer(2).build()) {
            Hub hub = client.connect(server.export("hub", new HubImpl(server)), Hub.class);
            Listener first = event -> { };
            Listener second = event -> { };
            hub.subscribe(first);
            hub.subscribe(second);
            hub.subscribe(first); // the same object again is no new export
            OrbException e = assertThrows(OrbException.class, () -> hub.subscribe(event -> { }));
            assertEquals(ErrorCode.RESOURCE_EXHAUSTED, e.code());
            assertEquals(Completion.NO, e.completion());
            assertTrue(e.getMessage().contains("maxExportsPerPeer=2"), e.getMessage());
            assertEquals(3, hub.publish("still working"), "the connection and the earlier references still work");
        }
    }
}
