package io.parley.transport.netty;

import io.parley.Endpoint;
import io.parley.spi.transport.Transport;
import io.parley.spi.transport.TransportProvider;
import io.parley.spi.transport.TransportSettings;

/**
 * Creates {@link NettyTransport}s; registered for {@link java.util.ServiceLoader} under the name {@code "tcp"}.
 * Stateless and thread-safe.
 */
public final class NettyTransportProvider implements TransportProvider {

    @Override
    public String name() {
        return Endpoint.TCP;
    }

    @Override
    public Transport create(TransportSettings settings) {
        return new NettyTransport(settings);
    }
}
