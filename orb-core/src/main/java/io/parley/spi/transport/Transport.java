package io.parley.spi.transport;

import io.parley.Endpoint;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Moves frames between processes. A transport knows nothing of calls, codecs or objects: core hands it frames to
 * send, and it hands core the frames it receives through a {@link FrameHandler}.
 *
 * <p>Every transport passes the contract suite in {@code parley-test-support}
 * ({@code io.parley.testing.TransportContract}).
 */
public interface Transport extends AutoCloseable {

    /** The transport's name, as in {@link Endpoint#transport()}. */
    String name();

    /**
     * Starts listening on {@code host:port} (port 0 picks a free one). Accepted connections deliver their frames to
     * {@code handler}. The listener reports the address it bound (a wildcard stays a wildcard): core advertises its
     * own configured host in references.
     *
     * @throws io.parley.UnavailableException when the address cannot be bound, naming it
     */
    Listener listen(String host, int port, FrameHandler handler);

    /**
     * Opens a connection. The future completes when the connection is established (after the handler's
     * {@code onOpen}), or exceptionally with an {@link io.parley.UnavailableException} (completion NO) naming the
     * endpoint. It may complete on an I/O thread: stages chained on it must not block.
     */
    CompletableFuture<Connection> connect(Endpoint endpoint, FrameHandler handler);

    /**
     * The host identity of a same-host transport: what names the part of the machine its connections can reach (for
     * shared memory: this boot of the kernel and the directory the transport uses). Core puts it as the host of this
     * transport's endpoints in references, and a client uses such an endpoint only when its own transport reports the
     * same identity. Empty, the default, for a network transport, whose endpoint hosts are addresses.
     *
     * @throws io.parley.UnavailableException (NO) when the transport cannot be used in this process, saying why
     */
    default Optional<String> hostIdentity() {
        return Optional.empty();
    }

    /**
     * Closes listeners, then connections (flushing what was sent first), and stops the I/O threads. Idempotent;
     * called from an I/O thread it closes without waiting.
     */
    @Override
    void close();
}
