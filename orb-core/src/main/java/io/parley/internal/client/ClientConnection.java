package io.parley.internal.client;

import io.parley.Completion;
import io.parley.Endpoint;
import io.parley.UnavailableException;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.codec.Codec;
import io.parley.spi.codec.CodecException;
import io.parley.spi.codec.DecodedReply;
import io.parley.spi.codec.OutboundCall;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection and the calls in flight on it, matched to their replies by sequence id. Many calls share
 * the connection concurrently and replies may come in any order. Replies are decoded on the thread the transport
 * reads them with: the connection's I/O thread, or a synchronous caller driving the connection itself.
 */
final class ClientConnection implements FrameHandler {
    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

    private final Endpoint endpoint;
    private final Codec codec;
    private final ConcurrentMap<Integer, PendingCall> pending = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile Connection connection;

    ClientConnection(Endpoint endpoint, Codec codec) {
        this.endpoint = endpoint;
        this.codec = codec;
    }

    /** Set once the transport has connected. */
    void attach(Connection connected) {
        this.connection = connected;
    }

    boolean isOpen() {
        Connection current = connection;
        return current != null && current.isOpen();
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /**
     * Sends a call and registers it, or for a oneway call just sends it. {@code plain} is the plain Thrift server
     * called, which names and encodes the call its own way, or {@code null} for a Parley object.
     *
     * @return the pending call, or {@code null} for a oneway call
     * @throws CodecException     (INVALID_DATA) when an argument cannot be encoded; nothing was sent
     * @throws UnavailableException (NO) when the connection closed before the call was sent
     */
    PendingCall send(String service, String objectId, MethodDescriptor method, Object[] arguments,
            long timeoutMicros, Map<String, Object> metadata, ThriftServer plain) {
        int sequenceId = sequence.incrementAndGet();
        PendingCall call = method.isOneway() ? null : new PendingCall(method);
        if (call != null) {
            pending.put(sequenceId, call);
        }
        try {
            ByteBuffer frame = codec.encodeCall(new OutboundCall(sequenceId, service, objectId, method, arguments,
                    timeoutMicros, metadata, plain == null ? null : plain.messageName(method),
                    plain == null ? null : plain.protocol()));
            if (!connection.send(frame)) {
                throw new UnavailableException(Completion.NO, "connection to " + endpoint
                        + " closed before " + method + " was sent");
            }
        } catch (RuntimeException e) {
            if (call != null) {
                pending.remove(sequenceId);
            }
            throw e;
        }
        return call;
    }

    /**
     * Sends a synchronous (two-way) call, registers it and waits for its reply until {@code deadlineNanos}, through
     * {@link Connection#sendAndAwait}: the transport may read the reply on this thread. The returned call may still
     * be pending (the deadline passed, or the thread was interrupted: then its interrupt flag is set again).
     * {@code plain} as for {@link #send}.
     *
     * @throws CodecException     (INVALID_DATA) when an argument cannot be encoded; nothing was sent
     * @throws UnavailableException (NO) when the connection was found closed before the call was sent
     */
    PendingCall sendAndAwait(String service, String objectId, MethodDescriptor method, Object[] arguments,
            long timeoutMicros, Map<String, Object> metadata, ThriftServer plain, long deadlineNanos) {
        int sequenceId = sequence.incrementAndGet();
        PendingCall call = new PendingCall(method);
        pending.put(sequenceId, call);
        boolean sent;
        try {
            ByteBuffer frame = codec.encodeCall(new OutboundCall(sequenceId, service, objectId, method, arguments,
                    timeoutMicros, metadata, plain == null ? null : plain.messageName(method),
                    plain == null ? null : plain.protocol()));
            sent = connection.sendAndAwait(frame, call, deadlineNanos);
        } catch (InterruptedException e) {
            // The caller's wait on the call sees the flag and handles the interruption as it always did.
            Thread.currentThread().interrupt();
            return call;
        } catch (RuntimeException e) {
            pending.remove(sequenceId);
            throw e;
        }
        if (!sent) {
            pending.remove(sequenceId);
            throw new UnavailableException(Completion.NO, "connection to " + endpoint
                    + " closed before " + method + " was sent");
        }
        return call;
    }

    /** Forgets a call (its deadline passed or it was cancelled); a late reply is then dropped. */
    void forget(PendingCall call) {
        pending.values().remove(call);
    }

    void close() {
        Connection current = connection;
        if (current != null) {
            current.close();
        }
    }

    /** Calls in flight await their replies; an idle connection needs no reader. Any thread. */
    @Override
    public boolean awaitsFrames() {
        return !pending.isEmpty();
    }

    @Override
    public void onOpen(Connection opened) {
        attach(opened);
    }

    @Override
    public void onFrame(Connection from, ByteBuffer frame) {
        DecodedReply reply;
        try {
            reply = codec.decodeReply(frame, sequenceId -> {
                PendingCall call = pending.get(sequenceId);
                return call == null ? null : call.method();
            });
        } catch (CodecException e) {
            failOne(from, e);
            return;
        }
        PendingCall call = pending.remove(reply.sequenceId());
        if (call == null) {
            log.debug("dropped a late reply from {} (sequence id {})", endpoint, reply.sequenceId());
        } else if (reply.failure() != null) {
            call.completeExceptionally(reply.failure());
        } else {
            call.complete(reply.value());
        }
    }

    @Override
    public void onClose(Connection closed, Throwable cause) {
        String why = cause == null ? "closed by the server" : cause.toString();
        for (Integer sequenceId : pending.keySet()) {
            PendingCall call = pending.remove(sequenceId);
            if (call != null) {
                call.completeExceptionally(new UnavailableException(Completion.MAYBE, "connection to " + endpoint
                        + " lost while " + call.method() + " was in flight (" + why + "); the call may have run"));
            }
        }
    }

    private void failOne(Connection from, CodecException e) {
        if (e.header() == null) {
            log.warn("closing connection to {}: unreadable reply ({})", endpoint, e.getMessage());
            from.close();
            return;
        }
        PendingCall call = pending.remove(e.header().sequenceId());
        if (call != null) {
            call.completeExceptionally(e);
        }
    }
}
