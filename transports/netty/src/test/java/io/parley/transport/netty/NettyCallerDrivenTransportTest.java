package io.parley.transport.netty;

import io.parley.spi.transport.Transport;
import io.parley.spi.transport.TransportSettings;
import io.parley.testing.TransportContract;

/** The Netty TCP transport with caller-driven client connections passes the transport contract. */
class NettyCallerDrivenTransportTest extends TransportContract {

    @Override
    protected Transport newTransport(TransportSettings settings) {
        return new NettyTransport(settings, true);
    }
}
