package io.parley.transport.shm.internal;

import io.parley.Endpoint;
import io.parley.spi.transport.Listener;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound listener socket and its accept thread, which hands each accepted socket to {@code accepted} (the transport
 * starts the connection's own thread, which runs the handshake, so a slow client never holds up accepting).
 *
 * <p>Threading: {@link #close} from any thread; idempotent. The socket file is removed on close.
 */
public final class ShmListener implements Listener {
    private static final Logger log = LoggerFactory.getLogger(ShmListener.class);

    private final ServerSocketChannel server;
    private final Path socket;
    private final Endpoint endpoint;
    private final Thread acceptor;
    private volatile boolean closed;

    public ShmListener(ServerSocketChannel server, Path socket, Endpoint endpoint, String threadName,
            Consumer<SocketChannel> accepted) {
        this.server = server;
        this.socket = socket;
        this.endpoint = endpoint;
        this.acceptor = new Thread(() -> accept(accepted), threadName);
        acceptor.setDaemon(true);
    }

    /** Starts accepting. */
    public void start() {
        acceptor.start();
    }

    private void accept(Consumer<SocketChannel> accepted) {
        while (!closed) {
            try {
                accepted.accept(server.accept());
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    log.warn("Listener {} cannot accept: {}", endpoint, e.toString());
                }
            }
        }
    }

    @Override
    public Endpoint endpoint() {
        return endpoint;
    }

    /** The socket file. */
    public Path socket() {
        return socket;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            log.debug("Closing listener {}: {}", endpoint, e.toString());
        }
        ShmDirectory.deleteQuietly(socket);
    }
}
