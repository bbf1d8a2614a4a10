package io.parley.transport.netty;

import io.parley.spi.transport.Transport;
import io.parley.spi.transport.TransportSettings;
import io.parley.testing.TransportContract;

/** The Netty TCP transport passes the transport contract. */
class NettyTransportTest extends TransportContract {

    @Override
    protected Transport newTransport(TransportSettings settings) {
        // The event-loop-group client path (caller-driven I/O off); NettyCallerDrivenTransportTest covers the default.
        return new NettyTransport(settings, false);
    }
}
