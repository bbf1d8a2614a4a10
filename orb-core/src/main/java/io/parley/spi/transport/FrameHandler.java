package io.parley.spi.transport;

import java.nio.ByteBuffer;

/**
 * Receives the frames of connections; implemented by core, called by transports.
 *
 * <p>Threading: a transport calls a connection's handler methods from one I/O thread at a time, in order of arrival.
 * Handlers must not block: core decodes on that thread and moves blocking work to the servant executor.
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
     * The connection closed, by either side or by a failure. Called exactly once per opened connection.
     *
     * @param cause why, or {@code null} for an orderly close
     */
    void onClose(Connection connection, Throwable cause);
}
