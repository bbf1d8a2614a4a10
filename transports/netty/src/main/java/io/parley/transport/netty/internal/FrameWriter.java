package io.parley.transport.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.util.Queue;
import java.util.concurrent.Future;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The write path of one connection, built to spend as few thread hand-offs, flushes and system calls per frame as
 * possible.
 *
 * <ul>
 * <li>On the event loop, a frame is written at once. Inside a read batch (a reply sent from {@code onFrame}) the
 *     flush waits for {@link #endReadBatch}, so the replies to pipelined requests leave in one system call.</li>
 * <li>On a serving loop, an answer written by a driver running calls, with more calls waiting in its run, waits for
 *     the flush of the run's last answer ({@link LeasedIoEventLoop#mayDelayFlush}); a relieved run's answers are
 *     flushed by the next turn of whoever holds the lease.</li>
 * <li>From any other thread, the frame joins a lock-free queue and one drain task is scheduled on the event loop
 *     only when none is pending. The drain writes everything queued and flushes once, so under concurrency many
 *     frames share one task, one wake-up of the event loop and one flush (grpc-java's {@code WriteQueue}).</li>
 * </ul>
 *
 * <p>Senders are never blocked: Netty's write-buffer water marks only report writability. The bytes waiting in
 * the queue are counted ({@link #queuedBytes}) so that {@link NettyConnection} can bound them together with
 * Netty's outbound buffer.
 */
final class FrameWriter {
    /** Frames written per drain before the event loop gets a chance to read; the rest go in a new drain task. */
    private static final int MAX_FRAMES_PER_DRAIN = 1024;
    /**
     * How long a close waits for queued frames to make progress towards the socket before closing anyway (a peer not
     * reading): a peer that keeps reading, however slowly (a busy machine, TLS), gets everything sent before close.
     * 1 s was too short: with two busy processes on a 2-core machine, a 16 MB TLS transfer went a second without
     * progress and lost its last frames (NettyTlsTransportTest, 2 of 2 runs; 0 of 4 with 5 s).
     */
    private static final long CLOSE_FLUSH_TIMEOUT_MILLIS = 5_000;
    /**
     * How long a closed connection waits, once its frames reached the socket, for the peer to close its side: the
     * peer reads what the socket buffers still hold (a few MB) first.
     */
    private static final long CLOSE_LINGER_MILLIS = 5_000;
    /** The longest a close waits for its frames, even for a peer that keeps reading. */
    private static final long CLOSE_FLUSH_LIMIT_MILLIS = 30_000;

    private final Channel channel;
    // ConcurrentLinkedQueue rather than Netty's internal MPSC queue: public API, and the drain amortises its cost.
    private final Queue<ByteBuf> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Runnable drainTask = this::drainAndFlush;
    private boolean inReadBatch; // event loop only
    private boolean flushPending; // event loop only
    private boolean closing; // event loop only

    FrameWriter(Channel channel) {
        this.channel = channel;
    }

    /** Writes one encoded frame (length prefix included), taking ownership of it. Any thread. */
    void write(ByteBuf frame) {
        if (channel.eventLoop().inEventLoop()) {
            writeFromEventLoop(frame);
        } else {
            queuedBytes.addAndGet(frame.readableBytes());
            queue.add(frame);
            if (drainScheduled.compareAndSet(false, true)) {
                scheduleDrain();
            }
        }
    }

    private void writeFromEventLoop(ByteBuf frame) {
        // Frames another thread queued before this one was sent go first.
        writeQueued(Integer.MAX_VALUE);
        if (closing) {
            frame.release();
            return;
        }
        channel.write(frame, channel.voidPromise());
        if (inReadBatch) {
            flushPending = true;
            return;
        }
        EventLoop loop = channel.eventLoop();
        if (loop instanceof LeasedIoEventLoop) {
            LeasedIoEventLoop leased = (LeasedIoEventLoop) loop;
            if (leased.mayDelayFlush()) {
                // An answer of a driver's run of calls with more to come: they all leave in one system call.
                if (!flushPending) {
                    flushPending = true;
                    leased.flushLater(this);
                }
                return;
            }
            leased.flushDelayed(); // the answers of earlier calls of the run, on other connections too
        }
        flushPending = false;
        channel.flush();
    }

    /** Flushes what was written and not flushed yet. Event loop only. */
    void flushIfPending() {
        if (flushPending) {
            flushPending = false;
            channel.flush();
        }
    }

    private void scheduleDrain() {
        try {
            channel.eventLoop().execute(drainTask);
        } catch (RejectedExecutionException e) {
            // The event loop has shut down with its transport: nothing will send these frames, so free them.
            releaseQueued();
        }
    }

    private void drainAndFlush() {
        // Reset before polling: a frame queued from now on schedules a new drain, so none is left behind.
        drainScheduled.set(false);
        if (writeQueued(MAX_FRAMES_PER_DRAIN) > 0) {
            channel.flush();
        }
        if (!queue.isEmpty() && drainScheduled.compareAndSet(false, true)) {
            scheduleDrain();
        }
    }

    private int writeQueued(int limit) {
        int written = 0;
        ByteBuf frame;
        while (written < limit && (frame = queue.poll()) != null) {
            queuedBytes.addAndGet(-frame.readableBytes());
            if (closing) {
                // Sent after close() began: the connection already said it is closed, so never put it on the wire.
                frame.release();
                continue;
            }
            // Netty releases the buffer once written, or at once when the channel is closed.
            channel.write(frame, channel.voidPromise());
            written++;
        }
        return written;
    }

    private void releaseQueued() {
        ByteBuf frame;
        while ((frame = queue.poll()) != null) {
            queuedBytes.addAndGet(-frame.readableBytes());
            frame.release();
        }
    }

    /** Bytes queued by other threads and not yet handed to the channel. Any thread. */
    long queuedBytes() {
        return queuedBytes.get();
    }

    /** A read batch starts: replies written from now on are flushed at its end. Event loop only. */
    void startReadBatch() {
        inReadBatch = true;
    }

    /** The read batch ended: flush the replies written during it. Event loop only. */
    void endReadBatch() {
        inReadBatch = false;
        if (flushPending) {
            flushPending = false;
            channel.flush();
        }
    }

    /**
     * Flushes every frame queued so far, then closes the channel in order: TLS's {@code close_notify}, then a TCP
     * half-close (FIN), then the channel closes when the peer closes its side (Netty closes on end of stream), or
     * after {@link #CLOSE_LINGER_MILLIS}. Event loop only.
     *
     * <p>Why not just close: a socket closed while bytes from the peer wait unread in its receive buffer sends a
     * reset instead of a FIN, and the reset makes the peer's kernel drop everything it received and its application
     * has not read yet. So the connection reads (and drops: nobody could answer them) whatever arrives until the
     * peer closes. Its answers racing the close, or TLS 1.3's session tickets, which a caller-driven client never
     * reads when it only sends, lost up to 4 MB of oneway frames at the peer before.
     */
    void flushAndClose() {
        writeQueued(Integer.MAX_VALUE);
        closing = true;
        flushPending = false;
        // The empty write completes after every earlier write has reached the socket.
        ChannelFuture flushed = channel.writeAndFlush(Unpooled.EMPTY_BUFFER);
        flushed.addListener(future -> closeOutput());
        if (!flushed.isDone()) {
            closeUnlessProgress(flushed, pendingBytes(),
                    System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_FLUSH_LIMIT_MILLIS));
        }
    }

    /** Everything sent has reached the socket: say so to the peer, and wait for it to close its side. */
    private void closeOutput() {
        if (!channel.isOpen()) {
            return;
        }
        if (!(channel instanceof SocketChannel)) {
            channel.close();
            return;
        }
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        ChannelFuture closeNotify = tls == null ? channel.newSucceededFuture() : tls.closeOutbound();
        closeNotify.addListener(sent -> {
            if (!sent.isSuccess() || !channel.isOpen()) {
                channel.close();
                return;
            }
            ((SocketChannel) channel).shutdownOutput().addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            // The peer did not close its side in time. Cancelled when it did: a busy server closes many connections.
            Future<?> linger = channel.eventLoop().schedule(() -> {
                channel.close();
            }, CLOSE_LINGER_MILLIS, TimeUnit.MILLISECONDS);
            channel.closeFuture().addListener(closed -> linger.cancel(false));
        });
    }

    /** After an interval: waits on while the peer took bytes (and the limit is not reached), else closes. */
    private void closeUnlessProgress(ChannelFuture flushed, long pendingBefore, long limitNanos) {
        channel.eventLoop().schedule(() -> {
            if (!channel.isOpen() || flushed.isDone()) {
                return; // closed, or lingering for the peer's close (closeOutput)
            }
            long pending = pendingBytes();
            if (pending < pendingBefore && System.nanoTime() - limitNanos < 0) {
                closeUnlessProgress(flushed, pending, limitNanos);
            } else {
                channel.close();
            }
        }, CLOSE_FLUSH_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Bytes written to the channel and not yet taken by the socket. Event loop only. */
    private long pendingBytes() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    /** Frees frames still queued after the channel closed. Event loop only. */
    void discard() {
        releaseQueued();
    }
}
