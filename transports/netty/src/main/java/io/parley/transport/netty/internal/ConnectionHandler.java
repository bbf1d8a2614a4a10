package io.parley.transport.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.parley.Completion;
import io.parley.UnavailableException;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a connection's pipeline: turns channel events into {@link FrameHandler} calls. Every method
 * runs on the connection's event loop, so its fields need no synchronisation. One instance per connection.
 *
 * <p>Guarantees: {@code onOpen} once, before any frame; {@code onClose} once after an {@code onOpen}, with the first
 * failure seen as its cause, or {@code null} when either side closed in order.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);

    private final FrameHandler handler;
    private final int maxFrameBytes;
    private final CompletableFuture<Connection> connected; // null for accepted connections
    private NettyConnection connection;
    private boolean opened;
    private Throwable failure;

    ConnectionHandler(FrameHandler handler, int maxFrameBytes, CompletableFuture<Connection> connected) {
        this.handler = handler;
        this.maxFrameBytes = maxFrameBytes;
        this.connected = connected;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        connection = new NettyConnection(ctx.channel(), maxFrameBytes, handler);
        ctx.channel().attr(NettyConnection.KEY).set(connection);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connection.opened();
        opened = true;
        handler.onOpen(connection);
        // Completed here, not by the connect future, so that onOpen has run when the caller gets the connection.
        if (connected != null) {
            connected.complete(connection);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        connection.writer().startReadBatch();
        try {
            // A view of the read buffer, valid during the call only, as the SPI says.
            handler.onFrame(connection, frame.nioBuffer());
        } finally {
            frame.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        connection.writer().endReadBatch();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        log.debug("{}: writable={} (outbound bytes above the high water mark while false)", connection,
                ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failure != null || !ctx.channel().isActive()) {
            log.debug("{}: further failure while closing", connection, cause);
            return;
        }
        failure = cause;
        if (cause instanceof FramingLostException) {
            log.warn("Closing {}: {}", connection, cause.getMessage());
        } else if (cause instanceof IOException) {
            // Resets and broken pipes are routine; core sees the cause in onClose and decides what to report.
            log.debug("Closing {}: {}", connection, cause.toString());
        } else {
            log.warn("Closing {} after an unexpected failure", connection, cause);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.closed();
        if (connected != null) {
            // No effect when channelActive completed it; otherwise the caller learns why it never opened.
            connected.completeExceptionally(new UnavailableException(Completion.NO,
                    "cannot connect to tcp://" + connection.remoteAddress() + ": closed while connecting", failure));
        }
        if (opened) {
            opened = false;
            notifyClosed();
        }
        ctx.fireChannelInactive();
    }

    private void notifyClosed() {
        try {
            handler.onClose(connection, failure);
        } catch (RuntimeException e) {
            log.warn("FrameHandler.onClose failed for {}", connection, e);
        }
    }
}
