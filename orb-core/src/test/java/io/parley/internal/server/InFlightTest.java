package io.parley.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class InFlightTest {

    @Test
    void refusesBeyondThePerConnectionLimitWithoutTakingTheOrbsPlace() {
        InFlight inFlight = new InFlight(10, 2);
        ServedConnection one = new ServedConnection(null, 0);
        ServedConnection two = new ServedConnection(null, 0);
        assertNull(inFlight.tryEnter(one));
        assertNull(inFlight.tryEnter(one));
        assertEquals(InFlight.Refusal.CONNECTION_FULL, inFlight.tryEnter(one));
        assertEquals(2, one.inFlight.get(), "a refused call is not counted");
        assertEquals(2, inFlight.count(), "nor does it hold a place of the Orb");
        assertNull(inFlight.tryEnter(two), "another connection is admitted");
        inFlight.exit(one);
        assertNull(inFlight.tryEnter(one), "a finished call frees its place");
    }

    @Test
    void refusesBeyondTheOrbLimitWhateverTheConnection() {
        InFlight inFlight = new InFlight(3, 2);
        ServedConnection[] connections = new ServedConnection[4];
        for (int i = 0; i < 3; i++) {
            connections[i] = new ServedConnection(null, 0);
            assertNull(inFlight.tryEnter(connections[i]));
        }
        connections[3] = new ServedConnection(null, 0);
        assertEquals(InFlight.Refusal.ORB_FULL, inFlight.tryEnter(connections[3]));
        assertEquals(0, connections[3].inFlight.get());
        assertEquals(3, inFlight.count());
        inFlight.exit(connections[0]);
        assertNull(inFlight.tryEnter(connections[3]));
    }

    @Test
    void closingRefusesNewCallsAndWaitsForTheRunningOnes() throws Exception {
        InFlight inFlight = new InFlight(10, 10);
        ServedConnection connection = new ServedConnection(null, 0);
        assertNull(inFlight.tryEnter(connection));
        Thread finisher = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            inFlight.exit(connection);
        });
        finisher.start();
        assertEquals(0, inFlight.closeAndAwait(5, TimeUnit.SECONDS));
        assertEquals(InFlight.Refusal.CLOSING, inFlight.tryEnter(connection));
        assertEquals(0, inFlight.count());
        finisher.join();
    }
}
