package io.parley.transport.netty.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.parley.Endpoint;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import java.util.concurrent.CompletableFuture;

/**
 * Builds the pipeline of a new connection and registers the channel with its transport. Runs on the channel's event
 * loop; one instance serves all connections of a listener. The whole pipeline is set up in {@link #initChannel}:
 *
 * <pre>
 *   "tls"           SslHandler (TLS endpoints only): handshake, then encrypts and decrypts
 *   "frameDecoder"  FrameDecoder: cuts the byte stream into frames
 *   "connection"    ConnectionHandler: the bridge to the FrameHandler
 * </pre>
 */
public final class ChannelSetup extends ChannelInitializer<Channel> {
    private final FrameHandler handler;
    private final int maxFrameBytes;
    private final ChannelRegistry registry;
    private final CompletableFuture<Connection> connected; // null for accepted connections
    private final Endpoint endpoint; // null for accepted connections
    private final TlsContexts tls; // null for plain TCP

    private ChannelSetup(FrameHandler handler, int maxFrameBytes, ChannelRegistry registry,
            CompletableFuture<Connection> connected, Endpoint endpoint, TlsContexts tls) {
        this.handler = handler;
        this.maxFrameBytes = maxFrameBytes;
        this.registry = registry;
        this.connected = connected;
        this.endpoint = endpoint;
        this.tls = tls;
    }

    /** For the connections a listener accepts; {@code tls} is null for a plain TCP listener. */
    public static ChannelSetup accepted(FrameHandler handler, int maxFrameBytes, ChannelRegistry registry,
            TlsContexts tls) {
        return new ChannelSetup(handler, maxFrameBytes, registry, null, null, tls);
    }

    /**
     * For one outgoing connection to {@code endpoint}, with TLS when the endpoint requires it; {@code connected}
     * completes once it is open (after the TLS handshake) and {@code onOpen} has run.
     */
    public static ChannelSetup connecting(FrameHandler handler, int maxFrameBytes, ChannelRegistry registry,
            CompletableFuture<Connection> connected, Endpoint endpoint, TlsContexts tls) {
        return new ChannelSetup(handler, maxFrameBytes, registry, connected, endpoint,
                endpoint.requiresTls() ? tls : null);
    }

    @Override
    protected void initChannel(Channel channel) {
        if (!registry.add(channel)) {
            return; // the transport is closing: no handlers, so no onOpen for a connection closed at birth
        }
        ChannelPipeline pipeline = channel.pipeline();
        if (tls != null) {
            // First, so that everything after it sees plain bytes; the handshake starts when the socket connects.
            pipeline.addLast("tls", connected == null ? tls.newServerHandler(channel)
                    : tls.newClientHandler(channel, endpoint));
        }
        ConnectionHandler connection = new ConnectionHandler(handler, maxFrameBytes, connected,
                endpoint == null ? null : endpoint.toString(), tls);
        pipeline.addLast("frameDecoder", new FrameDecoder(maxFrameBytes, connection));
        pipeline.addLast("connection", connection);
    }
}
