package io.parley.transport.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.parley.Completion;
import io.parley.UnavailableException;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a connection's pipeline: turns channel events into {@link FrameHandler} calls. Every method
 * runs on the connection's event loop, so its fields need no synchronisation. One instance per connection.
 *
 * <p>Frames come from the {@link FrameDecoder} through {@link #frame}, not through {@code channelRead}.
 *
 * <p>Guarantees: {@code onOpen} once, before any frame; {@code onClose} once after an {@code onOpen}, with the first
 * failure seen as its cause, or {@code null} when either side closed in order.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);

    private final FrameHandler handler;
    private final int maxFrameBytes;
    private final CompletableFuture<Connection> connected; // null for accepted connections
    /** Frames up to this size are copied into {@link #scratch}; larger ones are handed over as views. */
    static final int COPY_LIMIT = 4096;
    private static final int MIN_SCRATCH = 256;

    private ChannelHandlerContext ctx;
    private NettyConnection connection;
    private ByteBuffer scratch; // grown on demand up to COPY_LIMIT
    private boolean opened;
    private Throwable failure;

    ConnectionHandler(FrameHandler handler, int maxFrameBytes, CompletableFuture<Connection> connected) {
        this.handler = handler;
        this.maxFrameBytes = maxFrameBytes;
        this.connected = connected;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
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

    /** Whether frames are still handed to the handler: not after a failure, which closes the connection. */
    boolean accepting() {
        return failure == null;
    }

    /**
     * One frame, bytes {@code [start, start + length)} of {@code in}, from the {@link FrameDecoder}. A small frame is
     * copied into this connection's reusable heap buffer; a large one is handed over as a view of {@code in}. Either
     * way the buffer is valid during {@code onFrame} only, as the SPI says.
     */
    void frame(ByteBuf in, int start, int length) {
        connection.writer().startReadBatch();
        try {
            handler.onFrame(connection, view(in, start, length));
        } catch (Throwable e) {
            // As if thrown from channelRead: the connection closes with this as the cause of onClose.
            exceptionCaught(ctx, e);
        }
    }

    /*
     * Why a copy: with Netty's pooling allocators every NIO view of a pooled buffer (nioBuffer, internalNioBuffer)
     * allocates one or two ByteBuffer objects per frame, which was about a quarter of the bytes allocated per call.
     * Copying a frame of a few hundred bytes costs less than that garbage, and the heap buffer lets the codec read
     * strings straight from the array. Above the limit a view avoids the copy and the allocation is noise next to
     * the frame; the limit also bounds what an idle connection keeps.
     */
    private ByteBuffer view(ByteBuf in, int start, int length) {
        if (length > COPY_LIMIT) {
            return in.nioBuffer(start, length);
        }
        if (scratch == null || scratch.capacity() < length) {
            int capacity = Math.max(MIN_SCRATCH, Integer.highestOneBit(length) << 1);
            scratch = ByteBuffer.allocate(Math.min(COPY_LIMIT, capacity));
        }
        in.getBytes(start, scratch.array(), 0, length);
        scratch.clear().limit(length);
        return scratch;
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
