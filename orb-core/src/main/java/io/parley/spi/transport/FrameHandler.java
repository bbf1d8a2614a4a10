package io.parley.spi.transport;

import java.nio.ByteBuffer;

/**
 * Receives the frames of connections; implemented by core, called by transports.
 *
 * <p>Threading: a transport calls a connection's handler methods from one thread at a time, in order of arrival,
 * with each call seeing the effects of the previous ones. That thread is an I/O thread, or, for a transport that
 * lets callers drive their own connections, a thread waiting in {@link Connection#sendAndAwait} on it. Handlers must
 * not block: core decodes on that thread and moves blocking work to the servant executor.
 */
public interface FrameHandler {

    /** Called once when a connection is established (accepted or connected), before its first frame. */
    default void onOpen(Connection connection) {
    }

    /**
     * One frame arrived. {@code frame} holds exactly one message (without the transport's framing) and is valid only
     * until this method returns; the handler copies what it keeps. An exception thrown here closes the connection
     * (with the exception as the cause of {@link #onClose}).
     */
    void onFrame(Connection connection, ByteBuffer frame);

    /**
     * Whether this connection awaits frames now: for a client connection, whether calls are in flight on it. A
     * transport that reads a connection only on demand (the caller-driven client connections of the TCP transport)
     * asks this to decide whether some thread must keep reading it while no caller waits in
     * {@link Connection#sendAndAwait}; an idle connection is then read at its next use, so a close by the peer is
     * noticed then. The default, {@code true}, means: always read.
     *
     * <p>Threading: called by the transport from any thread (an I/O thread, or a calling thread that drives the
     * connection), concurrently with every other method; must be cheap and thread-safe, and must not block.
     */
    default boolean awaitsFrames() {
        return true;
    }

    /**
     * Whether frames are awaited soon: replies to calls in flight, rather than calls the peer may or may not make
     * (which {@link #awaitsFrames} also counts). A transport that reads on demand reads at once for these, and may
     * take a little longer to start reading for the others: the caller-driven TCP client connections wait a grace
     * period, so that a caller making sequential calls keeps reading them itself. The default is
     * {@link #awaitsFrames()}. Threading as for {@link #awaitsFrames}.
     */
    default boolean awaitsReplies() {
        return awaitsFrames();
    }

    /**
     * The connection closed, by either side or by a failure. Called exactly once per opened connection.
     *
     * @param cause why, or {@code null} for an orderly close. An {@link io.parley.UnavailableException} with
     *              completion NO says that the peer processed nothing sent on this connection (for example a TLS
     *              server that refused the client's certificate after the client had seen the handshake end), so
     *              core fails the calls in flight with completion NO instead of MAYBE
     */
    void onClose(Connection connection, Throwable cause);
}
