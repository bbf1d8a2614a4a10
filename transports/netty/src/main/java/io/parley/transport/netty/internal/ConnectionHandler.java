package io.parley.transport.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.parley.Completion;
import io.parley.UnavailableException;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import io.parley.spi.transport.PeerIdentity;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLPeerUnverifiedException;
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
 *
 * <p>With TLS the connection opens when the handshake has succeeded, not when the socket connects: {@code onOpen}
 * (and the completion of a client's connect future) wait for it, and the peer's verified identity is known then. A
 * failed handshake never opens: the client's connect future fails with what went wrong and what to do, the server
 * logs it in one WARN line.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);

    private final FrameHandler handler;
    private final int maxFrameBytes;
    private final CompletableFuture<Connection> connected; // null for accepted connections
    private final String endpoint; // what the client connects to, for messages; null for accepted connections
    private final TlsContexts tls; // null for plain TCP
    /** Frames up to this size are copied into {@link #scratch}; larger ones are handed over as views. */
    static final int COPY_LIMIT = 4096;
    private static final int MIN_SCRATCH = 256;

    private ChannelHandlerContext ctx;
    private NettyConnection connection;
    private ByteBuffer scratch; // grown on demand up to COPY_LIMIT
    private boolean opened;
    private Throwable failure;

    ConnectionHandler(FrameHandler handler, int maxFrameBytes, CompletableFuture<Connection> connected,
            String endpoint, TlsContexts tls) {
        this.handler = handler;
        this.maxFrameBytes = maxFrameBytes;
        this.connected = connected;
        this.endpoint = endpoint;
        this.tls = tls;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        connection = new NettyConnection(ctx.channel(), maxFrameBytes, handler);
        ctx.channel().attr(NettyConnection.KEY).set(connection);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (connected != null && ctx.channel().localAddress().equals(ctx.channel().remoteAddress())) {
            // TCP's simultaneous open: connecting to a closed port of this host can pick that very port as the local
            // one and "connect" to itself; calls would come back as calls. Nothing listens there: refuse it.
            connected.completeExceptionally(new UnavailableException(Completion.NO, "cannot connect to " + endpoint
                    + ": nothing listens there (the connection reached itself)"));
            ctx.close();
            return;
        }
        connection.connected();
        if (tls == null) {
            open(null);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent) {
            SslHandshakeCompletionEvent handshake = (SslHandshakeCompletionEvent) event;
            if (handshake.isSuccess()) {
                open(peerIdentity(ctx.pipeline().get(SslHandler.class)));
            } else {
                handshakeFailed(handshake.cause());
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    private void open(PeerIdentity peer) {
        if (!ctx.channel().isActive()) {
            return; // closed before the handshake's end was handled: channelInactive reports it
        }
        connection.opened(peer);
        opened = true;
        handler.onOpen(connection);
        // Completed here, not by the connect future, so that onOpen has run when the caller gets the connection.
        if (connected != null) {
            connected.complete(connection);
        }
    }

    /** The peer's certificate chain as this side validated it, or null when it presented none. */
    private static PeerIdentity peerIdentity(SslHandler ssl) {
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : ssl.engine().getSession().getPeerCertificates()) {
                chain.add((X509Certificate) certificate);
            }
            return chain.isEmpty() ? null : PeerIdentity.tls(chain);
        } catch (SSLPeerUnverifiedException e) {
            return null; // a client that sent no certificate, where client authentication is optional or off
        }
    }

    /**
     * The handshake failed; SslHandler closes the connection. The first failure becomes the cause channelInactive
     * reports; a server logs it here, once, since no connect future is there to carry it.
     */
    private void handshakeFailed(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        if (connected != null) {
            return;
        }
        String peer = connection.remoteAddress();
        if (TlsFailures.isClosedEarly(cause)) {
            log.debug("TLS client {} closed the connection before the handshake ended", peer);
        } else {
            log.warn("TLS handshake with client {} failed: {}", peer,
                    TlsFailures.describe(cause, false, tls));
        }
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
        if (connection.closeRequested()) {
            return; // the rest of a read batch after close(): nobody could answer it
        }
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

    /**
     * On an accepted connection, stops reading while the answers back up (outbound bytes above the high water mark)
     * and reads again once they fell below the low one: a client that sends calls and does not read the answers is
     * then held back by TCP flow control in its own socket buffer, instead of growing this server's memory with
     * calls and answers. Client connections always read, since their replies are what frees them: two peers that
     * both stopped reading while unwritable could wait on each other forever.
     */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = ctx.channel().isWritable();
        if (connected == null) {
            ctx.channel().config().setAutoRead(writable);
            log.debug("{}: {} reading ({} bytes wait for the peer)", connection, writable ? "resumed" : "paused",
                    connection.queuedBytes());
        } else {
            log.debug("{}: writable={} (outbound bytes above the high water mark while false)", connection, writable);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A TLS failure may close the channel before it reaches here (SslHandler closes first, then rethrows): it
        // still is the first failure when none was seen, and must be reported as such.
        boolean tlsFailure = tls != null && TlsFailures.isTls(cause);
        if (failure != null || (!ctx.channel().isActive() && !tlsFailure)) {
            log.debug("{}: further failure while closing", connection, cause);
            return;
        }
        failure = cause;
        if (tlsFailure) {
            failure = tlsFailureOfOpenConnection(cause);
        } else if (cause instanceof FramingLostException) {
            log.warn("Closing {}: {}", connection, cause.getMessage());
        } else if (cause instanceof IOException) {
            // Resets and broken pipes are routine; core sees the cause in onClose and decides what to report.
            log.debug("Closing {}: {}", connection, cause.toString());
        } else {
            log.warn("Closing {} after an unexpected failure", connection, cause);
        }
        ctx.close();
    }

    /**
     * A TLS failure on a connection that had opened. When it is the peer refusing the handshake (a TLS 1.3 server
     * rejecting this client's certificate after the client saw the handshake end), nothing sent here was processed:
     * the cause given to {@code onClose} is then an {@link UnavailableException} with completion NO saying why.
     */
    private Throwable tlsFailureOfOpenConnection(Throwable cause) {
        boolean client = connected != null;
        String description = TlsFailures.describe(cause, client, tls);
        String where = client ? endpoint : "client " + connection.remoteAddress();
        if (!opened || !TlsFailures.isHandshakeRefusal(cause)) {
            log.warn("Closing TLS connection with {}: {}", where, description);
            return cause;
        }
        log.warn("TLS connection to {} refused by the server: {}", where, description);
        return new UnavailableException(Completion.NO, "TLS connection to " + where + " refused by the server: "
                + description, cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.closed();
        if (connected != null) {
            // No effect when open() completed it; otherwise the caller learns why it never opened.
            connected.completeExceptionally(notConnected());
        }
        if (opened) {
            opened = false;
            notifyClosed();
        }
        ctx.fireChannelInactive();
    }

    private UnavailableException notConnected() {
        if (tls != null && failure != null && TlsFailures.isTls(failure)) {
            return new UnavailableException(Completion.NO, "cannot connect to " + endpoint + ": TLS handshake failed: "
                    + TlsFailures.describe(failure, true, tls), failure);
        }
        if (tls != null && failure != null && TlsFailures.isClosedEarly(failure)) {
            return new UnavailableException(Completion.NO, "cannot connect to " + endpoint + ": the server closed "
                    + "the connection during the TLS handshake (a plain tcp endpoint, or a server that refused this "
                    + "client)", failure);
        }
        return new UnavailableException(Completion.NO, "cannot connect to " + endpoint + ": closed while connecting",
                failure);
    }

    private void notifyClosed() {
        try {
            handler.onClose(connection, failure);
        } catch (RuntimeException e) {
            log.warn("FrameHandler.onClose failed for {}", connection, e);
        }
    }
}
