package io.parley.spi.transport;

/**
 * Creates a transport; found with {@link java.util.ServiceLoader} (register the implementation in
 * {@code META-INF/services/io.parley.spi.transport.TransportProvider}) or given to
 * {@code Orb.builder().transport(…)}.
 */
public interface TransportProvider {

    /** The name of the transports this provider creates ({@code "tcp"}). */
    String name();

    /** A new transport with those settings. */
    Transport create(TransportSettings settings);
}
