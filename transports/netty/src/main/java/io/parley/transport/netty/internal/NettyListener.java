package io.parley.transport.netty.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.parley.Endpoint;
import io.parley.spi.transport.Listener;

/** A bound server socket. Thread-safe. */
public final class NettyListener implements Listener {
    private final Channel serverChannel;
    private final Endpoint endpoint;

    public NettyListener(Channel serverChannel, Endpoint endpoint) {
        this.serverChannel = serverChannel;
        this.endpoint = endpoint;
    }

    @Override
    public Endpoint endpoint() {
        return endpoint;
    }

    /** Unbinds; from a thread other than an event loop, returns once the port is released. */
    @Override
    public void close() {
        ChannelFuture closed = serverChannel.close();
        if (!serverChannel.eventLoop().inEventLoop()) {
            closed.awaitUninterruptibly();
        }
    }

    @Override
    public String toString() {
        return endpoint.transport() + " listener on " + endpoint.address();
    }
}
