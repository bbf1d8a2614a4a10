package io.parley.spi.transport;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One open connection of a transport, in either direction, carrying whole frames. Frames are opaque to the
 * transport: each is one encoded message, without the transport's own framing.
 *
 * <p>Thread safety: every method may be called from any thread.
 */
public interface Connection {

    /**
     * Queues one frame for sending and returns without waiting for the network. The transport has copied
     * {@code frame}'s remaining bytes by the time this method returns, without moving its position, so the caller
     * may reuse the buffer (or send the same one on several connections).
     *
     * @return {@code false} when the connection is closed (or {@link #close()} was called) and the frame was dropped
     * @throws io.parley.OrbException (RESOURCE_EXHAUSTED, completion NO) when the frame is larger than the
     *                                transport's {@code maxFrameBytes}, or when queueing it would put more than the
     *                                transport's {@code maxQueuedBytes} waiting for the peer (it is not reading):
     *                                nothing is queued, and the connection stays open
     */
    boolean send(ByteBuffer frame);

    /**
     * Sends one frame as {@link #send} does, then waits until {@code done} completes or {@code deadlineNanos}
     * ({@link System#nanoTime()} units) passes. Core uses it for synchronous calls: {@code done} is the call's
     * pending reply, completed by core's {@link FrameHandler#onFrame} (or {@code onClose}) for this connection.
     *
     * <p>The default sends and then waits on {@code done}, so an I/O thread writes the frame and another completes
     * {@code done}. A transport may instead use the calling thread for this connection's I/O while it waits: write
     * the frame itself, read the reply and call {@code onFrame} on the calling thread, so that a sequential call
     * hands nothing to another thread. Such a transport must still deliver the frames of other callers, and must
     * not write the frame when it finds the connection closed.
     *
     * <p>Threading: called by the thread that waits, never from a {@link FrameHandler} callback of this connection.
     * The outcome is read from {@code done} afterwards: this method neither throws a call's failure nor fails
     * {@code done} at the deadline.
     *
     * @return {@code false} when the connection is closed and the frame was not sent; {@code true} when it was sent
     *         and {@code done} completed or the deadline passed
     * @throws io.parley.OrbException (RESOURCE_EXHAUSTED, completion NO) as {@link #send}
     * @throws InterruptedException when the calling thread is interrupted while it waits; the frame may have been sent
     */
    default boolean sendAndAwait(ByteBuffer frame, Future<?> done, long deadlineNanos) throws InterruptedException {
        if (!send(frame)) {
            return false;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            try {
                done.get(left, TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException | CancellationException e) {
                // The caller reads the outcome from done itself.
            }
        }
        return true;
    }

    /** Whether the connection is open. */
    boolean isOpen();

    /**
     * Whether the peer keeps up with what is sent: {@code false} while the bytes queued for it and not yet taken are
     * above the transport's high water mark (a peer that stopped reading, or a slow network). It is a signal, not a
     * refusal: {@link #send} still queues until the transport's hard bound, beyond which it throws
     * {@link io.parley.OrbException} (RESOURCE_EXHAUSTED, completion NO). A transport may use it itself, for example
     * to stop reading requests from a peer that does not read the answers. The default, {@code true}, suits a
     * transport whose sends wait for space instead of queueing (a fixed ring).
     *
     * <p>Threading: any thread; cheap, never blocks.
     */
    default boolean isWritable() {
        return true;
    }

    /**
     * Closes the connection; frames queued before are flushed first where possible. The handler's
     * {@link FrameHandler#onClose} runs once, on the connection's I/O thread.
     */
    void close();

    /** The peer's address, for logs and errors ({@code host:port}). */
    String remoteAddress();

    /**
     * The peer's identity as the transport verified it, known from {@link FrameHandler#onOpen} on: on a TLS
     * connection the subject and certificate chain the peer presented (on the server, the client's certificate when
     * client authentication is on and the client sent one). Empty, the default, when the transport verified none.
     */
    default Optional<PeerIdentity> peerIdentity() {
        return Optional.empty();
    }

    /**
     * Runs a servant call that may block, for a frame this connection delivered. The default hands it to
     * {@code executor}, which costs a thread hand-off to start it and usually another to send its answer.
     *
     * <p>A transport whose reading role can move between threads may instead run the call on the thread that read
     * the frame, once the current {@link FrameHandler} callback has returned, with the reading role given up
     * meanwhile: a sequential call then crosses no thread on the server. Such a transport must not let a slow or
     * blocked call stop its reading: when a call runs longer than a short budget ({@link StallWatch}), another
     * thread takes the reading role over, and the calls still waiting go to {@code executor}. Everything else about
     * the call (interceptors, cancellation, answering) is the task's business.
     *
     * <p>Threading: called from a {@link FrameHandler} callback of this connection.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the call goes to {@code executor} and it refuses
     */
    default void executeServant(Runnable call, java.util.concurrent.Executor executor) {
        executor.execute(call);
    }

    /**
     * Runs a task on this connection's I/O thread, after the frames being handled now. Used by core to finish work
     * that must not race with frame handling; tasks must not block. After the transport is closed the task may be
     * refused with a {@link java.util.concurrent.RejectedExecutionException}.
     */
    void execute(Runnable task);
}
