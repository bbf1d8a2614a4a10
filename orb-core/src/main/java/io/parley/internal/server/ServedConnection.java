package io.parley.internal.server;

import io.parley.spi.transport.Connection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the server keeps per accepted connection: its calls in flight (for {@code maxCallsPerConnection}) and when
 * its last call arrived (for the idle timeout). One per connection, from {@code onOpen} to {@code onClose}.
 */
final class ServedConnection {
    final Connection connection;
    /** Calls admitted from this connection and not yet answered. */
    final AtomicInteger inFlight = new AtomicInteger();
    /** {@link System#nanoTime()} of the last call received, or of the opening. Racy reads are fine: a heuristic. */
    volatile long lastCallNanos;

    ServedConnection(Connection connection, long openedNanos) {
        this.connection = connection;
        this.lastCallNanos = openedNanos;
    }
}
