package io.parley.transport.netty.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import java.util.concurrent.CompletableFuture;

/**
 * Builds the pipeline of a new connection (decoder, then the bridge to the {@link FrameHandler}) and registers the
 * channel with its transport. Runs on the channel's event loop; one instance serves all connections of a listener.
 */
public final class ChannelSetup extends ChannelInitializer<Channel> {
    private final FrameHandler handler;
    private final int maxFrameBytes;
    private final ChannelRegistry registry;
    private final CompletableFuture<Connection> connected;

    private ChannelSetup(FrameHandler handler, int maxFrameBytes, ChannelRegistry registry,
            CompletableFuture<Connection> connected) {
        this.handler = handler;
        this.maxFrameBytes = maxFrameBytes;
        this.registry = registry;
        this.connected = connected;
    }

    /** For the connections a listener accepts. */
    public static ChannelSetup accepted(FrameHandler handler, int maxFrameBytes, ChannelRegistry registry) {
        return new ChannelSetup(handler, maxFrameBytes, registry, null);
    }

    /** For one outgoing connection; {@code connected} completes once it is open and {@code onOpen} has run. */
    public static ChannelSetup connecting(FrameHandler handler, int maxFrameBytes, ChannelRegistry registry,
            CompletableFuture<Connection> connected) {
        return new ChannelSetup(handler, maxFrameBytes, registry, connected);
    }

    @Override
    protected void initChannel(Channel channel) {
        if (!registry.add(channel)) {
            return; // the transport is closing: no handlers, so no onOpen for a connection closed at birth
        }
        ConnectionHandler connection = new ConnectionHandler(handler, maxFrameBytes, connected);
        channel.pipeline().addLast("frameDecoder", new FrameDecoder(maxFrameBytes, connection));
        channel.pipeline().addLast("connection", connection);
    }
}
