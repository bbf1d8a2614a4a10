package io.parley.transport.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.util.AttributeKey;
import io.parley.Completion;
import io.parley.ErrorCode;
import io.parley.OrbException;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import io.parley.spi.transport.PeerIdentity;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * One TCP connection, accepted or connected. Every method may be called from any thread; frames are encoded into a
 * pooled buffer in the caller's thread, and the socket is touched only on the channel's event loop. On a
 * {@link LeasedIoEventLoop} (caller-driven client connections) that is the thread holding the loop's lease, which
 * {@link #sendAndAwait} lets a synchronous caller be.
 */
public final class NettyConnection implements Connection {
    /** Finds the connection of a channel, for closing it gracefully. */
    static final AttributeKey<NettyConnection> KEY = AttributeKey.valueOf(NettyConnection.class, "connection");
    /** The bound on bytes waiting for the peer ({@code TransportSettings.queuedBytesBound()}), set on each channel. */
    public static final AttributeKey<Long> MAX_QUEUED_BYTES =
            AttributeKey.valueOf(NettyConnection.class, "maxQueuedBytes");

    private final Channel channel;
    private final FrameWriter writer;
    private final int maxFrameBytes;
    private final long maxQueuedBytes;
    private final Supplier<ChannelDemand> demand; // for a caller-driven loop, else null
    private volatile String remoteAddress;
    private volatile boolean closed;
    private volatile Optional<PeerIdentity> peerIdentity = Optional.empty();
    private boolean open; // event loop only: opened, after the TLS handshake when there is one

    NettyConnection(Channel channel, int maxFrameBytes, FrameHandler handler) {
        this.channel = channel;
        this.writer = new FrameWriter(channel);
        this.maxFrameBytes = maxFrameBytes;
        Long bound = channel.attr(MAX_QUEUED_BYTES).get();
        this.maxQueuedBytes = bound != null ? bound : 2L * maxFrameBytes + 8;
        this.remoteAddress = format(channel.remoteAddress());
        if (channel.eventLoop() instanceof LeasedIoEventLoop) {
            demand = () -> demand(handler);
            ((LeasedIoEventLoop) channel.eventLoop()).watch(demand);
        } else {
            demand = null;
        }
    }

    /**
     * What the channel needs when no caller waits on it: driving for connecting, replies awaited, bytes the socket
     * has not taken yet, or a close in progress; listening when the peer may call this process's objects. Evaluated
     * by the lease holder of the channel's loop.
     */
    private ChannelDemand demand(FrameHandler handler) {
        if (!channel.isOpen()) {
            return ChannelDemand.NONE;
        }
        // Not open yet: connecting, or the TLS handshake, which needs reads and writes nobody else drives.
        if (!open || closed || handler.awaitsReplies()) {
            return ChannelDemand.DRIVE; // closing: flushing, then reading until the peer closes too (FrameWriter)
        }
        ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
        if (outbound != null && outbound.totalPendingWriteBytes() > 0) {
            return ChannelDemand.DRIVE;
        }
        return handler.awaitsFrames() ? ChannelDemand.LISTEN : ChannelDemand.NONE;
    }

    /** The connection of {@code channel}, or {@code null} for a listening channel. */
    public static NettyConnection of(Channel channel) {
        return channel.attr(KEY).get();
    }

    @Override
    public boolean send(ByteBuffer frame) {
        if (closed) {
            return false;
        }
        ByteBuf encoded = encode(frame);
        EventLoop loop = channel.eventLoop();
        if (loop instanceof LeasedIoEventLoop && !loop.inEventLoop()) {
            // Written on this thread when nobody drives the connection: no hand-off, and a close by the peer while
            // the connection was idle is read first, so the frame is refused instead of lost.
            return ((LeasedIoEventLoop) loop).send(() -> writeUnlessClosed(encoded));
        }
        writer.write(encoded);
        return true;
    }

    /**
     * Sends the frame and waits for {@code done}. On a caller-driven client connection the calling thread does the
     * connection's I/O itself whenever no other thread does (see {@link LeasedIoEventLoop#sendAndAwait}); otherwise,
     * and on the event loop itself, it sends and waits as {@link Connection#sendAndAwait} does.
     */
    @Override
    public boolean sendAndAwait(ByteBuffer frame, Future<?> done, long deadlineNanos) throws InterruptedException {
        EventLoop loop = channel.eventLoop();
        if (!(loop instanceof LeasedIoEventLoop) || loop.inEventLoop()) {
            return Connection.super.sendAndAwait(frame, done, deadlineNanos);
        }
        if (closed) {
            return false;
        }
        ByteBuf encoded = encode(frame);
        return ((LeasedIoEventLoop) loop).sendAndAwait(() -> writeUnlessClosed(encoded), done, deadlineNanos);
    }

    /** Writes {@code encoded} unless the connection is known to be closed; then frees it. */
    private boolean writeUnlessClosed(ByteBuf encoded) {
        // Under the lease the channel's state is current: a close by the peer read just before counts.
        if (closed || (channel.eventLoop().inEventLoop() && !channel.isActive())) {
            encoded.release();
            return false;
        }
        writer.write(encoded);
        return true;
    }

    private ByteBuf encode(ByteBuffer frame) {
        int length = frame.remaining();
        if (length > maxFrameBytes) {
            throw new OrbException(ErrorCode.RESOURCE_EXHAUSTED, Completion.NO, "cannot send a frame of " + length
                    + " bytes to " + remoteAddress + ": larger than maxFrameBytes=" + maxFrameBytes
                    + "; send less, or raise TransportSettings.maxFrameBytes on both sides");
        }
        long queued = queuedBytes();
        if (queued + FrameDecoder.LENGTH_BYTES + length > maxQueuedBytes) {
            // The peer is not reading (or far slower than we send): queueing more would only grow this process.
            // Racing senders may each pass this check, so the bound holds within one frame per sending thread.
            throw new OrbException(ErrorCode.RESOURCE_EXHAUSTED, Completion.NO, "cannot send a frame of " + length
                    + " bytes to " + remoteAddress + ": " + queued + " bytes already wait for the peer to read them"
                    + " (limit maxQueuedBytes=" + maxQueuedBytes + ", Orb.Builder.maxQueuedBytesPerConnection);"
                    + " the peer is not reading, or reads far slower than it is sent to");
        }
        // Length and bytes in one buffer: one write, and the caller may reuse its buffer once we return. The
        // caller's position is left alone, so one buffer may be sent on many connections at once.
        ByteBuf encoded = channel.alloc().ioBuffer(FrameDecoder.LENGTH_BYTES + length);
        encoded.writeInt(length);
        if (frame.hasArray()) {
            // From the array: no duplicate of the caller's buffer, and no NIO view of the pooled one (writing a
            // ByteBuffer into a pooled direct buffer makes one per call).
            encoded.writeBytes(frame.array(), frame.arrayOffset() + frame.position(), length);
        } else {
            encoded.writeBytes(frame.duplicate());
        }
        return encoded;
    }

    @Override
    public boolean isOpen() {
        return !closed && channel.isActive();
    }

    /**
     * Below the high water mark: Netty's outbound buffer says writable and the frames other threads queued are
     * under the mark too.
     */
    @Override
    public boolean isWritable() {
        return !closed && channel.isWritable()
                && writer.queuedBytes() < channel.config().getWriteBufferHighWaterMark();
    }

    /** Whether {@link #close()} was called (or the channel closed): frames read from now on are not delivered. */
    boolean closeRequested() {
        return closed;
    }

    /** Bytes sent and not yet taken by the socket, for tests and logs. Any thread. */
    public long queuedBytesNow() {
        return queuedBytes();
    }

    /** Bytes sent and not yet taken by the socket: queued by other threads, plus Netty's outbound buffer. */
    long queuedBytes() {
        ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
        return writer.queuedBytes() + (outbound == null ? 0 : outbound.totalPendingWriteBytes());
    }

    /** Flushes frames sent before, then closes; {@code FrameHandler.onClose} follows on the event loop. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            writer.flushAndClose();
            return;
        }
        try {
            loop.execute(writer::flushAndClose);
        } catch (RejectedExecutionException e) {
            // The event loop is gone, and closed its channels when it went.
            channel.close();
        }
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    /**
     * On a serving loop (accepted connections), the driver that read the frame runs the call once its turn has
     * ended, unless it cannot now (see {@link LeasedIoEventLoop#deferServant}); otherwise {@code executor} runs it.
     */
    @Override
    public void executeServant(Runnable call, java.util.concurrent.Executor executor) {
        EventLoop loop = channel.eventLoop();
        if (!(loop instanceof LeasedIoEventLoop) || !((LeasedIoEventLoop) loop).deferServant(call, executor)) {
            executor.execute(call);
        }
    }

    /**
     * Runs {@code task} on this connection's event loop, after the events being handled now.
     *
     * @throws RejectedExecutionException when the transport is closed
     */
    @Override
    public void execute(Runnable task) {
        channel.eventLoop().execute(task);
    }

    @Override
    public String toString() {
        return "tcp connection with " + remoteAddress;
    }

    FrameWriter writer() {
        return writer;
    }

    /**
     * The connection is open (its TLS handshake, if any, succeeded), with the peer's verified identity or
     * {@code null}. Event loop only.
     */
    void opened(PeerIdentity peer) {
        peerIdentity = Optional.ofNullable(peer);
        open = true;
    }

    @Override
    public Optional<PeerIdentity> peerIdentity() {
        return peerIdentity;
    }

    /** The channel is active: its peer's address is known now for outgoing connections. Event loop only. */
    void connected() {
        remoteAddress = format(channel.remoteAddress());
    }

    /** The channel closed: refuse further frames and free queued ones. Event loop only. */
    void closed() {
        closed = true;
        writer.discard();
        if (demand != null) {
            ((LeasedIoEventLoop) channel.eventLoop()).unwatch(demand);
        }
    }

    private static String format(SocketAddress address) {
        if (!(address instanceof InetSocketAddress)) {
            return String.valueOf(address);
        }
        InetSocketAddress inet = (InetSocketAddress) address;
        String host = inet.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
    }
}
