package io.parley.bench;

/**
 * A server in its own JVM, and the client side of it in this JVM: raw sockets, Java RMI or Parley.
 *
 * <p>Lifecycle: {@link #start} launches the server JVM and connects; {@link #newCaller} is then called once per client
 * thread of each case; {@link #close} disconnects and stops the server JVM, even after a failure.
 */
public interface SystemUnderTest extends AutoCloseable {

    /** The name in the results, e.g. {@code rmi}. */
    String name();

    /** Starts the server JVM and connects to it. */
    void start(ServerLauncher launcher) throws Exception;

    /** Whether its callers implement {@code operation}; every system does {@code add} and {@code echo}. */
    default boolean supports(Operation operation) {
        return !operation.callback();
    }

    /** A caller for one client thread. */
    Caller newCaller() throws Exception;

    /** Disconnects and stops the server JVM; never throws. */
    @Override
    void close();
}
