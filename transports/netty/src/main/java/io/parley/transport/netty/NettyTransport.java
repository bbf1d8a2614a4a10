package io.parley.transport.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
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
import io.parley.transport.netty.internal.ChannelRegistry;
import io.parley.transport.netty.internal.ChannelSetup;
import io.parley.transport.netty.internal.LeasedIoEventLoop;
import io.parley.transport.netty.internal.ServingLoops;
import io.parley.transport.netty.internal.NettyConnection;
import io.parley.transport.netty.internal.NettyListener;
import io.parley.transport.netty.internal.TlsContexts;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP transport on Netty NIO, in Thrift's framed format (see the package documentation for the pipeline and
 * threads).
 *
 * <p>Threading: all methods are thread-safe. {@link #listen} and {@link #close} block briefly (binding, shutting
 * down) and must not be called from a {@link FrameHandler} callback; {@link #connect} never blocks. Handler
 * callbacks run on the event-loop thread that owns the connection.
 *
 * <p>Caller-driven client connections (system property {@value #CALLER_DRIVEN_PROPERTY}{@code =true}): the
 * connections made by {@link #connect} share an event loop whose thread is whichever thread holds its lease, so
 * that a synchronous caller in {@link Connection#sendAndAwait} writes its frame and reads the reply on its own
 * thread when no other thread is driving, and handler callbacks of client connections then run on that caller's
 * thread. One background thread per transport ({@code prefix-tcp-driver}) drives them only while work is left with
 * no caller waiting (connecting, asynchronous calls, closing). Accepted connections run on serving loops
 * ({@code prefix-tcp-serve} threads, two per loop), whose driver threads run blocking servant calls themselves
 * ({@link Connection#executeServant}); with the property {@code false} they run on the event-loop group, as every
 * connection then does. The group's threads start only when it is used.
 */
public final class NettyTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(NettyTransport.class);

    /**
     * Above this many unflushed outbound bytes a channel reports itself unwritable: an accepted connection then
     * stops reading until it is below the low mark. Senders are never blocked; beyond
     * {@code TransportSettings.queuedBytesBound()} they are refused.
     */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(512 * 1024, 1024 * 1024);
    /** How long close waits for connections to flush and close before the event loops close the rest. */
    private static final long CLOSE_CONNECTIONS_MILLIS = 2_000;
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 2;
    /**
     * The system property that turns caller-driven client connections off ({@code false}); on by default, since
     * it removes the client's two thread hand-offs from every synchronous call (see the package documentation).
     */
    public static final String CALLER_DRIVEN_PROPERTY = "parley.tcp.callerDriven";

    private final TransportSettings settings;
    private final TlsContexts tls;
    private final MultiThreadIoEventLoopGroup group;
    private final ChannelRegistry channels = new ChannelRegistry();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final boolean callerDriven;
    private LeasedIoEventLoop clientLoop; // guarded by this; created at the first connect when caller-driven
    private ServingLoops servingLoops; // guarded by this; created at the first listen when caller-driven

    /**
     * Starts the transport's event-loop threads; client connections are caller-driven unless the system property
     * {@value #CALLER_DRIVEN_PROPERTY} is {@code false}.
     *
     * @throws OrbException ({@link ErrorCode#INVALID_CONFIGURATION}) for settings out of range
     */
    public NettyTransport(TransportSettings settings) {
        this(settings, !"false".equalsIgnoreCase(System.getProperty(CALLER_DRIVEN_PROPERTY, "true")));
    }

    NettyTransport(TransportSettings settings, boolean callerDriven) {
        this.settings = validate(settings);
        this.tls = new TlsContexts(settings.tls(), settings.connectTimeoutMillis());
        this.callerDriven = callerDriven;
        this.group = new MultiThreadIoEventLoopGroup(ioThreads(settings),
                new DefaultThreadFactory(settings.threadNamePrefix() + "-tcp", true), NioIoHandler.newFactory());
    }

    private static TransportSettings validate(TransportSettings settings) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(settings.threadNamePrefix(), "settings.threadNamePrefix");
        check(settings.maxFrameBytes() > 0, "maxFrameBytes: " + settings.maxFrameBytes() + " (expected: > 0)");
        check(settings.ioThreads() >= 0, "ioThreads: " + settings.ioThreads() + " (expected: >= 0)");
        check(settings.maxQueuedBytes() >= 0, "maxQueuedBytes: " + settings.maxQueuedBytes()
                + " (expected: >= 0, 0 for twice maxFrameBytes)");
        check(settings.connectTimeoutMillis() > 0,
                "connectTimeoutMillis: " + settings.connectTimeoutMillis() + " (expected: > 0)");
        return settings;
    }

    private static void check(boolean valid, String message) {
        if (!valid) {
            throw new OrbException(ErrorCode.INVALID_CONFIGURATION, Completion.NO, "TransportSettings." + message);
        }
    }

    /** Few threads by default: each costs a core's attention, and one thread serves thousands of connections. */
    private static int ioThreads(TransportSettings settings) {
        if (settings.ioThreads() > 0) {
            return settings.ioThreads();
        }
        return Math.min(2, Runtime.getRuntime().availableProcessors());
    }

    /**
     * {@code "tls"} when the settings carry a {@code TlsConfig} (listeners then serve TLS only), else {@code "tcp"}:
     * the kind of the endpoints this transport listens on. Either way it connects to both kinds.
     */
    @Override
    public String name() {
        return tls.serves() ? Endpoint.TLS : Endpoint.TCP;
    }

    /**
     * Binds {@code host:port} and returns once bound. Accepted connections run on this transport's threads. With a
     * {@code TlsConfig}, every accepted connection must complete a TLS handshake before its first frame.
     *
     * @throws OrbException ({@link ErrorCode#INVALID_CONFIGURATION}) when TLS is configured without key material
     */
    @Override
    public Listener listen(String host, int port, FrameHandler handler) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(handler, "handler");
        String address = name() + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        if (closed.get()) {
            throw new UnavailableException(Completion.NO, "cannot listen on " + address + ": the transport is closed");
        }
        tls.checkCanServe(address);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group, callerDriven ? servingLoops() : group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childAttr(NettyConnection.MAX_QUEUED_BYTES, settings.queuedBytesBound())
                .childHandler(ChannelSetup.accepted(handler, settings.maxFrameBytes(), channels,
                        tls.serves() ? tls : null));
        ChannelFuture bound = bootstrap.bind(host, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new UnavailableException(Completion.NO,
                    "cannot listen on " + address + ": " + reason(bound.cause()), bound.cause());
        }
        if (!channels.add(bound.channel())) {
            throw new UnavailableException(Completion.NO, "cannot listen on " + address + ": the transport is closed");
        }
        int actualPort = ((InetSocketAddress) bound.channel().localAddress()).getPort();
        NettyListener listener = new NettyListener(bound.channel(), new Endpoint(name(), host, actualPort));
        log.debug("Listening on {}", listener.endpoint());
        return listener;
    }

    /**
     * Connects without blocking; to a {@code "tls"} endpoint with TLS, checking the server's certificate (see
     * {@link TlsContexts}), to a {@code "tcp"} one in plain TCP. The future completes on the connection's event
     * loop after {@code onOpen} has run (after the handshake), so dependent stages added without an executor run
     * there too and must not block. A failed handshake fails it with an {@link UnavailableException} (completion
     * NO) saying what to change.
     */
    @Override
    public CompletableFuture<Connection> connect(Endpoint endpoint, FrameHandler handler) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(handler, "handler");
        if (!Endpoint.TCP.equals(endpoint.transport()) && !Endpoint.TLS.equals(endpoint.transport())) {
            throw new IllegalArgumentException("endpoint: " + endpoint + " (expected: a tcp or tls endpoint)");
        }
        CompletableFuture<Connection> connected = new CompletableFuture<>();
        if (closed.get()) {
            connected.completeExceptionally(unavailable(endpoint, "the transport is closed", null));
            return connected;
        }
        Bootstrap bootstrap = new Bootstrap()
                .group(callerDriven ? clientLoop() : group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .attr(NettyConnection.MAX_QUEUED_BYTES, settings.queuedBytesBound())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.min(Integer.MAX_VALUE, settings.connectTimeoutMillis()))
                .handler(ChannelSetup.connecting(handler, settings.maxFrameBytes(), channels, connected, endpoint,
                        tls));
        bootstrap.connect(endpoint.host(), endpoint.port()).addListener(f -> {
            if (!f.isSuccess()) {
                connected.completeExceptionally(unavailable(endpoint, reason(f.cause()), f.cause()));
            }
        });
        return connected;
    }

    /** The event loop of the caller-driven client connections, with its background driver thread. */
    private synchronized LeasedIoEventLoop clientLoop() {
        if (clientLoop == null) {
            clientLoop = LeasedIoEventLoop.start(NioIoHandler.newFactory(),
                    new DefaultThreadFactory(settings.threadNamePrefix() + "-tcp-driver", true));
            if (closed.get()) {
                // Closing already: the connection attempt is refused by the loop, and the loop ends with it.
                clientLoop.shutdownGracefully();
            }
        }
        return clientLoop;
    }

    /** The loops of accepted connections, whose drivers run servant calls themselves. */
    private synchronized ServingLoops servingLoops() {
        if (servingLoops == null) {
            servingLoops = new ServingLoops(ioThreads(settings),
                    new DefaultThreadFactory(settings.threadNamePrefix() + "-tcp-serve", true));
            if (closed.get()) {
                servingLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            }
        }
        return servingLoops;
    }

    private synchronized ServingLoops existingServingLoops() {
        return servingLoops;
    }

    private synchronized LeasedIoEventLoop existingClientLoop() {
        return clientLoop;
    }

    private static UnavailableException unavailable(Endpoint endpoint, String reason, Throwable cause) {
        return new UnavailableException(Completion.NO, "cannot connect to " + endpoint + ": " + reason, cause);
    }

    private static String reason(Throwable cause) {
        if (cause == null) {
            return "unknown reason";
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    /**
     * Closes listeners, then connections (each flushes what was sent on it first), then stops the event loops and
     * waits for them, so every {@code onClose} has run when this returns. Idempotent. Called from one of this
     * transport's own event loops it does the same without waiting.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        boolean wait = !onOwnEventLoop();
        channels.closeAll(wait, CLOSE_CONNECTIONS_MILLIS);
        // No quiet period: every channel is closed already, and a quiet period only delays shutdown.
        group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        LeasedIoEventLoop loop = existingClientLoop();
        if (loop != null) {
            loop.shutdownGracefully();
        }
        ServingLoops serving = existingServingLoops();
        if (serving != null) {
            serving.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        if (!wait) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SHUTDOWN_TIMEOUT_SECONDS + 3);
        boolean stopped = group.terminationFuture().awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS + 3,
                TimeUnit.SECONDS);
        if (loop != null) {
            stopped &= loop.terminationFuture().awaitUninterruptibly(
                    Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        if (serving != null) {
            stopped &= serving.terminationFuture().awaitUninterruptibly(
                    Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        if (!stopped) {
            log.warn("tcp transport {}: event loops still running {} s after close; a FrameHandler may be blocking",
                    settings.threadNamePrefix(), SHUTDOWN_TIMEOUT_SECONDS + 3);
        }
    }

    private boolean onOwnEventLoop() {
        for (EventExecutor executor : group) {
            if (executor.inEventLoop()) {
                return true;
            }
        }
        ServingLoops serving = existingServingLoops();
        if (serving != null) {
            for (EventExecutor executor : serving) {
                if (executor.inEventLoop()) {
                    return true;
                }
            }
        }
        LeasedIoEventLoop loop = existingClientLoop();
        return loop != null && loop.inEventLoop();
    }

    @Override
    public String toString() {
        return "tcp transport " + settings.threadNamePrefix();
    }
}
