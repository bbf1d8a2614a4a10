package io.parley.bench.leases;

import io.parley.Orb;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** The probe of one JVM: its Orb's export count, and its heap in use. */
final class FootprintServant implements FootprintProbe {

    /** Between the two collections: the Cleaner thread releases collected proxies, the lease timers run. */
    private static final long SETTLE_MILLIS = 200;

    private final Orb orb;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    FootprintServant(Orb orb) {
        this.orb = orb;
    }

    @Override
    public Footprint footprint(boolean collect) {
        if (collect) {
            // The benchmark's own request, twice: objects freed by what the first collection made unreachable
            // (Cleaner actions, released leases) go in the second.
            System.gc();
            sleep(SETTLE_MILLIS);
            System.gc();
        }
        return new Footprint(orb.exportCount(), memory.getHeapMemoryUsage().getUsed(), collect);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
