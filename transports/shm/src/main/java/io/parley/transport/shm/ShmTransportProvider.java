package io.parley.transport.shm;

import io.parley.spi.transport.Transport;
import io.parley.spi.transport.TransportProvider;
import io.parley.spi.transport.TransportSettings;

/**
 * Creates {@link ShmTransport}s with {@link ShmSettings#fromSystemProperties()}; registered for
 * {@link java.util.ServiceLoader} under the name {@code "shm"}. Stateless and thread-safe.
 */
public final class ShmTransportProvider implements TransportProvider {

    @Override
    public String name() {
        return ShmTransport.NAME;
    }

    @Override
    public Transport create(TransportSettings settings) {
        return new ShmTransport(settings);
    }
}
