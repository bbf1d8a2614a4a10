package io.parley.bench.leases;

/**
 * What one JVM of the lease experiment holds at a moment.
 *
 * @param exports   {@code Orb.exportCount()}: objects exported explicitly, and implicitly while leased or in their
 *                  lease time
 * @param heapBytes heap in use ({@code MemoryMXBean}); after a collection when asked for one
 * @param collected whether a collection was requested just before {@code heapBytes} was read
 */
public record Footprint(int exports, long heapBytes, boolean collected) {
}
