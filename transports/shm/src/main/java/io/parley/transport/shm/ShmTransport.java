package io.parley.transport.shm;

import io.parley.Completion;
import io.parley.Endpoint;
import io.parley.ErrorCode;
import io.parley.OrbException;
import io.parley.UnavailableException;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import io.parley.spi.transport.Listener;
import io.parley.spi.transport.Transport;
import io.parley.spi.transport.TransportSettings;
import io.parley.transport.shm.internal.ControlChannel;
import io.parley.transport.shm.internal.Handshake;
import io.parley.transport.shm.internal.HostIdentity;
import io.parley.transport.shm.internal.ShmConnection;
import io.parley.transport.shm.internal.ShmDirectory;
import io.parley.transport.shm.internal.ShmListener;
import java.io.IOException;
import java.net.BindException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The same-host transport: frames travel through a pair of rings in a memory-mapped file per connection, and a Unix
 * domain socket per connection carries the handshake, wake-ups and liveness (see the package documentation).
 *
 * <p>Endpoints are {@code shm://host:port}: the host is the one asked for (the transport never leaves this host; the
 * Orb asks for its {@link #hostIdentity()}, which clients compare with theirs), the port a number that names the
 * listener socket {@code s<port>-<pid>.sock} in the private directory, so that references keep the shape of TCP
 * ones. {@code listen} with port 0 picks a free one.
 *
 * <p>Threading: all methods are thread-safe. {@link #listen} and {@link #close} block briefly (file system calls,
 * waiting for receive threads); {@link #connect} never blocks: its handshake runs on the new connection's thread.
 * Each connection has one receive thread ({@code <prefix>-shm-<n>}) for as long as it is open, which calls its
 * {@link FrameHandler}, runs its tasks and, in between, the servant calls it is given
 * ({@link Connection#executeServant}); when such a call blocks, a new receive thread takes over and the old one ends
 * after the call. Each listener has one accept thread. The private directory is opened, and
 * stale files of dead processes removed, at the first {@code listen} or {@code connect}.
 */
public final class ShmTransport implements Transport {
    /** The transport's name, in endpoints. */
    public static final String NAME = "shm";

    private static final Logger log = LoggerFactory.getLogger(ShmTransport.class);
    private static final long PID = ProcessHandle.current().pid();
    private static final long CLOSE_WAIT_MILLIS = 5_000;
    private static final int RANDOM_PORT_ATTEMPTS = 64;

    private final TransportSettings settings;
    private final ShmSettings shm;
    private final Set<ShmListener> listeners = ConcurrentHashMap.newKeySet();
    private final Set<ShmConnection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger threadNumbers = new AtomicInteger();
    private ShmDirectory directory; // guarded by this; opened at first use
    private String hostIdentity; // guarded by this; computed at first use

    /** A transport with {@link ShmSettings#fromSystemProperties()}. */
    public ShmTransport(TransportSettings settings) {
        this(settings, ShmSettings.fromSystemProperties());
    }

    /**
     * A transport with explicit shared-memory settings.
     *
     * @throws OrbException ({@link ErrorCode#INVALID_CONFIGURATION}) for settings out of range
     */
    public ShmTransport(TransportSettings settings, ShmSettings shm) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.shm = Objects.requireNonNull(shm, "shm");
        if (settings.maxFrameBytes() <= 0 || settings.connectTimeoutMillis() <= 0) {
            throw new OrbException(ErrorCode.INVALID_CONFIGURATION, Completion.NO, "TransportSettings: maxFrameBytes "
                    + settings.maxFrameBytes() + " and connectTimeoutMillis " + settings.connectTimeoutMillis()
                    + " (expected: > 0)");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The private directory, opened (and swept of stale files) at first use.
     *
     * @throws UnavailableException naming the directory when it cannot be used
     */
    public synchronized Path directory() {
        return openDirectory().path();
    }

    /**
     * The host identity of this transport's directory ({@link HostIdentity}): processes whose transports report the
     * same one reach each other's listeners. Opens the directory at first use.
     *
     * @throws UnavailableException saying why when the directory cannot be used
     */
    @Override
    public synchronized Optional<String> hostIdentity() {
        if (hostIdentity == null) {
            Path path = openDirectory().path();
            try {
                hostIdentity = HostIdentity.of(path);
            } catch (IOException e) {
                throw new UnavailableException(Completion.NO, "cannot tell the host identity of shared-memory "
                        + "directory " + path + ": " + e, e);
            }
        }
        return Optional.of(hostIdentity);
    }

    private synchronized ShmDirectory openDirectory() {
        if (directory == null) {
            directory = ShmDirectory.open(shm.directory());
        }
        return directory;
    }

    // ---- listening ----

    @Override
    public Listener listen(String host, int port, FrameHandler handler) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(handler, "handler");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0 to 65535)");
        }
        String address = "shm://" + host + ":" + port;
        if (closed.get()) {
            throw new UnavailableException(Completion.NO, "cannot listen on " + address + ": the transport is closed");
        }
        ShmDirectory dir = openDirectory();
        ShmListener listener = null;
        if (port != 0) {
            listener = bind(dir, host, port, handler);
            if (listener == null) {
                throw new UnavailableException(Completion.NO, "cannot listen on " + address + ": port " + port
                        + " is in use by another shm listener in " + dir.path());
            }
        } else {
            for (int i = 0; i < RANDOM_PORT_ATTEMPTS && listener == null; i++) {
                listener = bind(dir, host, ThreadLocalRandom.current().nextInt(1024, 65536), handler);
            }
            if (listener == null) {
                throw new UnavailableException(Completion.NO, "cannot listen on " + address + ": no free port found");
            }
        }
        listeners.add(listener);
        if (closed.get()) {
            listener.close();
            throw new UnavailableException(Completion.NO, "cannot listen on " + address + ": the transport is closed");
        }
        listener.start();
        log.debug("Listening on {} at {}", listener.endpoint(), listener.socket());
        return listener;
    }

    /** Binds this process's socket for {@code port}, or returns {@code null} when a live listener has the port. */
    private ShmListener bind(ShmDirectory dir, String host, int port, FrameHandler handler) {
        if (!dir.listeners(port).isEmpty()) {
            return null;
        }
        Path socket = dir.socketPath(port);
        ServerSocketChannel server = null;
        try {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            // Two processes may have bound the same port at once (each its own file): the lower pid keeps it.
            for (Path other : dir.listeners(port)) {
                long owner = ShmDirectory.ownerOf(other);
                if (owner != PID && owner < PID) {
                    server.close();
                    ShmDirectory.deleteQuietly(socket);
                    return null;
                }
            }
            Endpoint endpoint = new Endpoint(NAME, host, port);
            return new ShmListener(server, socket, endpoint,
                    settings.threadNamePrefix() + "-shm-accept-" + port, accepted -> accepted(accepted, handler));
        } catch (BindException e) {
            closeQuietly(server);
            return null;
        } catch (IOException e) {
            closeQuietly(server);
            throw new UnavailableException(Completion.NO, "cannot listen on shm://" + host + ":" + port + " at "
                    + socket + ": " + e, e);
        }
    }

    private void accepted(SocketChannel socket, FrameHandler handler) {
        if (closed.get()) {
            closeQuietly(socket);
            return;
        }
        start(() -> {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.connectTimeoutMillis());
            Handshake.Agreement agreement;
            ControlChannel control;
            try {
                checkPeer(socket);
                agreement = Handshake.server(socket, openDirectory(), offer(), deadline);
                control = new ControlChannel(socket);
            } catch (IOException | RuntimeException e) {
                log.debug("shm handshake with a client failed: {}", e.toString());
                closeQuietly(socket);
                return;
            }
            open("pid " + agreement.peerPid(), handler, agreement, false, control, null);
        });
    }

    // ---- connecting ----

    @Override
    public CompletableFuture<Connection> connect(Endpoint endpoint, FrameHandler handler) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(handler, "handler");
        if (!NAME.equals(endpoint.transport())) {
            throw new IllegalArgumentException("endpoint: " + endpoint + " (expected: an shm endpoint)");
        }
        CompletableFuture<Connection> connected = new CompletableFuture<>();
        if (closed.get()) {
            connected.completeExceptionally(unavailable(endpoint, "the transport is closed", null));
            return connected;
        }
        start(() -> {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.connectTimeoutMillis());
            SocketChannel socket = null;
            Handshake.Agreement agreement;
            ControlChannel control;
            try {
                ShmDirectory dir = openDirectory();
                List<Path> sockets = dir.listeners(endpoint.port());
                if (sockets.isEmpty()) {
                    throw new IOException("no shm listener on port " + endpoint.port() + " in " + dir.path());
                }
                socket = SocketChannel.open(StandardProtocolFamily.UNIX);
                socket.connect(UnixDomainSocketAddress.of(sockets.get(0)));
                checkPeer(socket);
                agreement = Handshake.client(socket, dir, offer(), deadline);
                control = new ControlChannel(socket);
            } catch (IOException | RuntimeException e) {
                closeQuietly(socket);
                connected.completeExceptionally(e instanceof UnavailableException
                        ? e : unavailable(endpoint, e.getMessage() != null ? e.getMessage() : e.toString(), e));
                return;
            }
            open(endpoint.address(), handler, agreement, true, control, connected);
        });
        return connected;
    }

    private static UnavailableException unavailable(Endpoint endpoint, String reason, Throwable cause) {
        return new UnavailableException(Completion.NO, "cannot connect to " + endpoint + ": " + reason, cause);
    }

    /** The directory is private already; this also refuses a peer of another user that got a socket from root. */
    private static void checkPeer(SocketChannel socket) throws IOException {
        UnixDomainPrincipal peer = socket.getOption(ExtendedSocketOptions.SO_PEERCRED);
        String user = System.getProperty("user.name");
        if (!peer.user().getName().equals(user)) {
            throw new IOException("the peer runs as " + peer.user().getName() + ", not as " + user);
        }
    }

    private Handshake.Offer offer() {
        return new Handshake.Offer(shm.ringBytes(), settings.maxFrameBytes(), shm.maxReassemblies());
    }

    // ---- connections ----

    /** Runs an agreed connection on the current thread until it closes. */
    private void open(String remote, FrameHandler handler, Handshake.Agreement agreement, boolean client,
            ControlChannel control, CompletableFuture<Connection> opened) {
        ShmConnection connection = new ShmConnection(remote, handler, agreement, client, control,
                settings.maxFrameBytes(), shm.spinNanos(), connections::remove, receiveThreads);
        connections.add(connection);
        if (closed.get()) {
            // The transport closed during the handshake: open and close at once, so that callbacks stay paired.
            connection.close();
        }
        connection.run(opened);
    }

    /**
     * New receive threads for connections whose receive thread a servant call holds up; the relieved thread is not
     * waited for at close, as a servant executor's thread would not be.
     */
    private final ShmConnection.ReceiveThreads receiveThreads = new ShmConnection.ReceiveThreads() {
        @Override
        public void start(Runnable body) {
            ShmTransport.this.start(body);
        }

        @Override
        public void release(Thread thread) {
            threads.remove(thread);
        }
    };

    private void start(Runnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        }, settings.threadNamePrefix() + "-shm-" + threadNumbers.incrementAndGet());
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    /**
     * Closes listeners, then connections (each lets sends in progress finish and tells its peer), then waits for the
     * connections' threads, so that every {@code onClose} has run when this returns. Idempotent; called from one of
     * this transport's threads it does not wait.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        listeners.forEach(ShmListener::close);
        connections.forEach(ShmConnection::close);
        if (threads.contains(Thread.currentThread())) {
            return;
        }
        long deadline = System.currentTimeMillis() + CLOSE_WAIT_MILLIS;
        for (Thread thread : List.copyOf(threads)) {
            try {
                thread.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!threads.isEmpty()) {
            log.warn("shm transport {}: {} connection threads still running {} ms after close; a FrameHandler may "
                    + "be blocking", settings.threadNamePrefix(), threads.size(), CLOSE_WAIT_MILLIS);
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            // Nothing to release beyond the descriptor, which close frees anyway.
        }
    }
}
