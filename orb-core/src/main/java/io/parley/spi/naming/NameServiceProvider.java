package io.parley.spi.naming;

/**
 * Creates {@link NameService}s. Found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.parley.spi.naming.NameServiceProvider}).
 */
public interface NameServiceProvider {

    /** The backend's name; Parley's ZooKeeper backend is {@code "zookeeper"}. */
    String name();

    /**
     * Connects a name service for one Orb, waiting at most the configured connect timeout; called on the thread
     * that first uses the Orb's naming.
     *
     * @throws io.parley.UnavailableException (NO) when the backend cannot be reached in time, naming where it looked
     */
    NameService create(NameServiceSettings settings);
}
