package io.parley.transport.netty.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.parley.Endpoint;
import io.parley.spi.transport.Listener;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

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
            awaitSocketReleased();
        }
    }

    /**
     * The JDK releases a selector-registered channel's socket only at the selector's next select, after Netty's
     * close future completed; until then the kernel still accepts connections on the port. A task scheduled a
     * millisecond later runs after that select, so waiting for it means the port is really free (bounded: 1 s).
     */
    private void awaitSocketReleased() {
        try {
            serverChannel.eventLoop().schedule(() -> { }, 1, TimeUnit.MILLISECONDS).await(1, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            // The event loop is shutting down: it releases every socket as it goes.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return endpoint.transport() + " listener on " + endpoint.address();
    }
}
