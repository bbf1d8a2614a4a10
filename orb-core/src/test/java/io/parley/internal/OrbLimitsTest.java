package io.parley.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.ErrorCode;
import io.parley.Orb;
import io.parley.OrbException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OrbLimitsTest {

    @Test
    void everyBadLimitIsNamedWithItsValueAndRange() {
        OrbException e = assertThrows(OrbException.class, () -> Orb.builder().maxCalls(0).maxCallsPerConnection(-1)
                .maxPendingCalls(0).maxPendingCallsPerConnection(0).maxMessageBytes(4096)
                .maxQueuedBytesPerConnection(4096).idleTimeout(Duration.ofSeconds(-1))
                .keepAliveInterval(Duration.ofMillis(-5)).build());
        assertEquals(ErrorCode.INVALID_CONFIGURATION, e.code());
        for (String expected : new String[] {"maxCalls: 0 (expected: at least 1)", "maxCallsPerConnection: -1",
                "maxPendingCalls: 0", "maxPendingCallsPerConnection: 0",
                "maxQueuedBytesPerConnection: 4096 (expected: at least maxMessageBytes + 4 = 4100",
                "idleTimeout: PT-1S", "keepAliveInterval: PT-0.005S"}) {
            assertTrue(e.getMessage().contains(expected), "missing '" + expected + "' in " + e.getMessage());
        }
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        OrbLimits limits = OrbLimits.defaults();
        assertEquals(10_000, limits.maxCalls());
        assertEquals(1_000, limits.maxCallsPerConnection());
        assertEquals(10_000, limits.maxPendingCalls());
        assertEquals(1_000, limits.maxPendingCallsPerConnection());
        assertEquals(0, limits.maxQueuedBytesPerConnection(), "0: twice maxMessageBytes");
        assertEquals(Duration.ofMinutes(5), limits.idleTimeout());
        assertEquals(Duration.ofSeconds(30), limits.keepAliveInterval());
    }
}
