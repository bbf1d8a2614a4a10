package io.parley.spi.transport;

import java.nio.ByteBuffer;

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
     *                                transport's {@code maxFrameBytes}; the connection stays open
     */
    boolean send(ByteBuffer frame);

    /** Whether the connection is open. */
    boolean isOpen();

    /**
     * Closes the connection; frames queued before are flushed first where possible. The handler's
     * {@link FrameHandler#onClose} runs once, on the connection's I/O thread.
     */
    void close();

    /** The peer's address, for logs and errors ({@code host:port}). */
    String remoteAddress();

    /**
     * Runs a task on this connection's I/O thread, after the frames being handled now. Used by core to finish work
     * that must not race with frame handling; tasks must not block. After the transport is closed the task may be
     * refused with a {@link java.util.concurrent.RejectedExecutionException}.
     */
    void execute(Runnable task);
}
