package io.parley.transport.netty.internal;

import io.netty.channel.Channel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The open channels of one transport, listening and connected, so that closing the transport can close them in
 * order. Thread-safe: channels register on their event loops and the transport closes from any thread.
 */
public final class ChannelRegistry {
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Tracks {@code channel} until it closes; once the transport is closing, closes it instead and returns
     * {@code false}. Without this, a connection accepted while the event loops shut down would be opened after they
     * closed their channels and never be closed.
     */
    public boolean add(Channel channel) {
        channels.add(channel);
        channel.closeFuture().addListener(f -> channels.remove(channel));
        // Added before reading the flag, while closeAll sets it before reading the set: one of them sees the other.
        if (closed) {
            channel.close();
            return false;
        }
        return true;
    }

    /**
     * Closes every channel: listeners first, so no new connection arrives, then connections, each after flushing
     * what was sent on it. Waits up to {@code timeoutMillis} for them to close unless {@code wait} is false (the
     * caller is an event loop, which must not block).
     */
    public void closeAll(boolean wait, long timeoutMillis) {
        closed = true;
        List<Channel> open = List.copyOf(channels);
        for (Channel channel : open) {
            if (NettyConnection.of(channel) == null) {
                channel.close();
            }
        }
        for (Channel channel : open) {
            NettyConnection connection = NettyConnection.of(channel);
            if (connection != null) {
                connection.close();
            }
        }
        if (!wait) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Channel channel : open) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !channel.closeFuture().awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                return; // the event loop group's shutdown closes what is left
            }
        }
    }
}
