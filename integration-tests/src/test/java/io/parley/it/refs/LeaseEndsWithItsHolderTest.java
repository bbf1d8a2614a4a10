package io.parley.it.refs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Orb;
import io.parley.RemoteRef;
import io.parley.internal.DefaultOrb;
import io.parley.testing.JavaProcess;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The holder of a reference is killed (kill -9): its connection's close ends its lease, and the object goes. */
@Timeout(60)
class LeaseEndsWithItsHolderTest {

    @Test
    void killedHolderEndsItsLeaseAndTheExportTableReturnsToItsSize() throws Exception {
        try (Orb owner = Orb.builder().name("owner").sharedMemory(false).leaseTime(Duration.ofMillis(200)).build()) {
            HubImpl hub = new HubImpl(owner);
            RemoteRef ref = owner.export("hub", hub);
            DefaultOrb orb = (DefaultOrb) owner;
            int size = orb.exportCount();
            try (JavaProcess holder = JavaProcess.start(HolderProcess.class, ref.toString())) {
                assertEquals("1", holder.awaitValue("HOLDING ", Duration.ofSeconds(30)));
                assertEquals(size + 1, orb.exportCount(), "the counter is exported while the holder holds it");
                assertEquals(1, orb.implicitExportCount());
                holder.kill();
            }
            CounterImpl counter = hub.created.get(0);
            assertTrue(counter.unreferenced.await(20, TimeUnit.SECONDS), "the counter was never unreferenced");
            assertEquals(size, orb.exportCount(), "the export table is back to its size");
            assertEquals(0, orb.implicitExportCount());
        }
    }
}
