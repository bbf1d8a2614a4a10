package io.parley.transport.shm.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A connection's Unix domain socket after the handshake: the doorbell that wakes a sleeping peer, the orderly close
 * notice, and the liveness signal (the kernel closes it when the peer process dies, even on kill -9). The socket is
 * non-blocking; the receive thread blocks in a {@link Selector} of its own, which other threads of this process can
 * also wake (tasks, a local close).
 *
 * <p>Threading: {@link #ring} and {@link #wakeup} from any thread; the rest from the connection's receive thread.
 */
public final class ControlChannel implements AutoCloseable {
    /** Wake up: a record waits in your ring. */
    static final byte WAKE = 'W';
    /** The sender closes the connection in order: drain the ring, then close. */
    static final byte CLOSE = 'C';

    /** What {@link #poll} saw. */
    public enum Event { NOTHING, CLOSE_NOTICE, END_OF_STREAM }

    private final SocketChannel socket;
    private final Selector selector;
    private final ByteBuffer in = ByteBuffer.allocate(64);
    private boolean closeNoticed;

    public ControlChannel(SocketChannel socket) throws IOException {
        this.socket = socket;
        this.selector = Selector.open();
        try {
            socket.configureBlocking(false);
            socket.register(selector, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
    }

    /**
     * Rings the peer's doorbell. One byte; a full socket buffer means the peer has unread bytes, which wake it as well,
     * so a write of nothing is fine.
     */
    public void ring() {
        write(WAKE);
    }

    /** Tells the peer that this side closes in order, after everything it wrote to its ring. */
    public void sendCloseNotice() {
        write(CLOSE);
    }

    private void write(byte b) {
        try {
            socket.write(ByteBuffer.wrap(new byte[] {b}));
        } catch (IOException e) {
            // The peer is gone; the receive thread learns it from the socket and closes the connection.
        }
    }

    /** Reads what the peer sent, without blocking. */
    public Event poll() {
        try {
            while (true) {
                in.clear();
                int read = socket.read(in);
                if (read < 0) {
                    return closeNoticed ? Event.CLOSE_NOTICE : Event.END_OF_STREAM;
                }
                for (int i = 0; i < read; i++) {
                    closeNoticed |= in.get(i) == CLOSE;
                }
                if (read < in.capacity()) {
                    return closeNoticed ? Event.CLOSE_NOTICE : Event.NOTHING;
                }
            }
        } catch (IOException e) {
            return closeNoticed ? Event.CLOSE_NOTICE : Event.END_OF_STREAM;
        }
    }

    /** Blocks until the peer sends something or closes, {@link #wakeup} is called, or {@code millis} pass. */
    public void await(long millis) throws IOException {
        selector.select(millis);
        selector.selectedKeys().clear();
    }

    /** Makes the current or next {@link #await} return at once. Any thread. */
    public void wakeup() {
        selector.wakeup();
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is all that was asked.
        }
    }
}
