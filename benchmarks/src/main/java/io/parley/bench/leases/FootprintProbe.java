package io.parley.bench.leases;

import io.parley.Remote;

/** Served by each JVM of the lease experiment, so that the harness reads its export count and heap. */
@Remote
public interface FootprintProbe {

    /**
     * This JVM's footprint now. With {@code collect}, the heap is read after collections requested by the benchmark
     * ({@code System.gc()}, which library code never calls) and a pause that lets the Cleaner see collected proxies.
     */
    Footprint footprint(boolean collect);
}
