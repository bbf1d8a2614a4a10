package io.parley.transport.netty;

import io.parley.Completion;
import io.parley.UnavailableException;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two ends of the caller-driven tests, in the roles core plays: a server that answers each frame with the same
 * bytes (unless the frame asks for no answer, or the server was told to close connections after some frames), and a
 * client that matches answers to pending calls by sequence id, as core's client connection does.
 *
 * <p>Frame: sequence id (int), flags (int), payload.
 */
final class CallerDrivenTestPeers {
    static final int NO_REPLY = 1;

    private CallerDrivenTestPeers() {
    }

    static ByteBuffer frame(int sequenceId, int flags, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(8 + payload.length);
        frame.putInt(sequenceId).putInt(flags).put(payload).flip();
        return frame;
    }

    /** Answers frames; closes each connection after {@code closeAfter} frames when positive. */
    static final class EchoServer implements FrameHandler {
        private final int closeAfter;
        private final Map<Connection, AtomicInteger> counts = new ConcurrentHashMap<>();
        /** The connection accepted last, for frames the server sends unasked. */
        volatile Connection lastOpened;

        EchoServer(int closeAfter) {
            this.closeAfter = closeAfter;
        }

        @Override
        public void onOpen(Connection connection) {
            lastOpened = connection;
        }

        @Override
        public void onFrame(Connection connection, ByteBuffer frame) {
            int count = counts.computeIfAbsent(connection, c -> new AtomicInteger()).incrementAndGet();
            if ((frame.getInt(4) & NO_REPLY) == 0) {
                connection.send(frame);
            }
            if (closeAfter > 0 && count == closeAfter) {
                connection.close();
            }
        }

        @Override
        public void onClose(Connection connection, Throwable cause) {
            counts.remove(connection);
        }
    }

    /**
     * Pending calls by sequence id; records the thread that read each reply. A listening client, like one whose
     * objects the server holds references to, awaits frames always (the server may call it), replies only while
     * calls are pending; it records the frames that answer no call of its own, with the thread that read them.
     */
    static final class Client implements FrameHandler {
        final Map<Integer, Call> pending = new ConcurrentHashMap<>();
        final BlockingQueue<Thread> unaskedReadBy = new LinkedBlockingQueue<>();
        private final AtomicInteger sequence = new AtomicInteger();
        private final boolean listening;

        Client() {
            this(false);
        }

        Client(boolean listening) {
            this.listening = listening;
        }

        Call newCall() {
            Call call = new Call(sequence.incrementAndGet());
            pending.put(call.sequenceId, call);
            return call;
        }

        @Override
        public boolean awaitsFrames() {
            return listening || !pending.isEmpty();
        }

        @Override
        public boolean awaitsReplies() {
            return !pending.isEmpty();
        }

        @Override
        public void onFrame(Connection connection, ByteBuffer frame) {
            Call call = pending.remove(frame.getInt(0));
            if (call == null) {
                unaskedReadBy.add(Thread.currentThread());
            } else {
                byte[] payload = new byte[frame.remaining() - 8];
                frame.position(frame.position() + 8);
                frame.get(payload);
                call.readBy = Thread.currentThread();
                call.complete(payload);
            }
        }

        @Override
        public void onClose(Connection connection, Throwable cause) {
            for (Integer id : pending.keySet()) {
                Call call = pending.remove(id);
                if (call != null) {
                    call.completeExceptionally(new UnavailableException(Completion.MAYBE, "lost"));
                }
            }
        }
    }

    /** One call: completed with the reply's payload. */
    static final class Call extends CompletableFuture<byte[]> {
        final int sequenceId;
        volatile Thread readBy;

        Call(int sequenceId) {
            this.sequenceId = sequenceId;
        }
    }
}
