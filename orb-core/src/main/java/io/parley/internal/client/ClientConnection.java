package io.parley.internal.client;

import io.parley.Completion;
import io.parley.Endpoint;
import io.parley.UnavailableException;
import io.parley.internal.CancelCall;
import io.parley.internal.KeepAlive;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.codec.Codec;
import io.parley.spi.codec.CodecException;
import io.parley.spi.codec.DecodedReply;
import io.parley.spi.codec.MessageType;
import io.parley.spi.codec.References;
import io.parley.spi.codec.OutboundCall;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
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
    private final ClientLimits limits;
    private final AtomicInteger pendingCount = new AtomicInteger(); // pending.size() without counting the map
    private final KeepAliveState keepAlive = new KeepAliveState();
    private volatile Connection connection;
    private volatile Peer peer; // null until the Orb binds it: then calls come in over this connection too
    private volatile String closeReason; // why this side closed, for the calls failed by the close
    private volatile Throwable closeCause; // what the transport said when the connection closed
    // Frames read, for the keepalive: written by the thread reading (one at a time), read racily by the timer.
    private int framesRead;
    // Whether Parley calls (pingable) or plain Thrift calls (never pinged) go here; set by the first call.
    private volatile byte peerKind;

    ClientConnection(Endpoint endpoint, Codec codec) {
        this(endpoint, codec, ClientLimits.defaults());
    }

    ClientConnection(Endpoint endpoint, Codec codec, ClientLimits limits) {
        this.endpoint = endpoint;
        this.codec = codec;
        this.limits = limits;
    }

    /** Set once the transport has connected. */
    void attach(Connection connected) {
        this.connection = connected;
    }

    /**
     * Binds this connection to the Orb's remote objects: references cross it from then on, and calls coming in over
     * it are served. Idempotent; returns the connection's peer.
     */
    synchronized Peer bind(io.parley.internal.remote.RemoteObjects objects, boolean local) {
        if (peer == null) {
            peer = new Peer(this, objects, local);
            objects.register(this.connection, peer);
        }
        return peer;
    }

    /** The connection's peer, or {@code null} when not bound. */
    Peer peer() {
        return peer;
    }

    /** The transport's connection, or {@code null} before it opened. */
    Connection connection() {
        return connection;
    }

    /** How references in this connection's messages are written and read. */
    private References references() {
        Peer current = peer;
        return current == null ? References.NONE : current;
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
        PendingCall call = method.isOneway() ? null : new PendingCall(method, sequenceId);
        if (call != null) {
            register(sequenceId, call, plain);
        }
        try {
            ByteBuffer frame = codec.encodeCall(new OutboundCall(sequenceId, service, objectId, method, arguments,
                    timeoutMicros, metadata, plain == null ? null : plain.messageName(method),
                    plain == null ? null : plain.protocol(), references()));
            if (!connection.send(frame)) {
                throw closedBeforeSent(method);
            }
        } catch (RuntimeException e) {
            if (call != null) {
                take(sequenceId);
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
        PendingCall call = new PendingCall(method, sequenceId);
        register(sequenceId, call, plain);
        boolean sent;
        try {
            ByteBuffer frame = codec.encodeCall(new OutboundCall(sequenceId, service, objectId, method, arguments,
                    timeoutMicros, metadata, plain == null ? null : plain.messageName(method),
                    plain == null ? null : plain.protocol(), references()));
            sent = connection.sendAndAwait(frame, call, deadlineNanos);
        } catch (InterruptedException e) {
            // The caller's wait on the call sees the flag and handles the interruption as it always did.
            Thread.currentThread().interrupt();
            return call;
        } catch (RuntimeException e) {
            take(sequenceId);
            throw e;
        }
        if (!sent) {
            take(sequenceId);
            throw closedBeforeSent(method);
        }
        return call;
    }

    /** Forgets a call (its deadline passed); a late reply is then dropped. Returns whether it was still pending. */
    boolean forget(PendingCall call) {
        if (pending.remove(call.sequenceId(), call)) {
            limits.release(pendingCount);
            return true;
        }
        return false;
    }

    /**
     * The caller gave up on a call (cancelled its future, or was interrupted while waiting): forgets it and, when it
     * was still pending and the peer is a Parley Orb, tells the server with a oneway {@link CancelCall} message, best
     * effort, so that a call still queued there does not run and a running one is interrupted. A plain Thrift
     * server is never sent one. Any thread.
     */
    void cancel(PendingCall call) {
        Connection current = connection;
        if (!forget(call) || peerKind != PARLEY_PEER || current == null || !current.isOpen()) {
            return; // answered (or failed) already, or nobody to tell
        }
        try {
            ByteBuffer frame = codec.encodeCall(new OutboundCall(sequence.incrementAndGet(), CancelCall.SERVICE,
                    CancelCall.OBJECT_ID, CancelCall.CANCEL, new Object[] {call.sequenceId()}, CANCEL_TIMEOUT_MICROS,
                    Map.of(), null, null));
            current.send(frame);
        } catch (RuntimeException e) {
            // Best effort: over the queued-bytes bound, or closing; the call's answer, if any, is dropped anyway.
            log.debug("cancel of {} (call {}) not sent to {}: {}", call.method(), call.sequenceId(), endpoint,
                    e.toString());
        }
    }

    /**
     * Registers a call awaiting its reply, within the pending-call limits.
     *
     * @throws io.parley.OrbException (RESOURCE_EXHAUSTED, NO) beyond a limit; nothing is registered or sent
     */
    private void register(int sequenceId, PendingCall call, ThriftServer plain) {
        if (peerKind == 0) {
            peerKind = plain == null ? PARLEY_PEER : PLAIN_PEER;
        }
        limits.acquire(pendingCount, endpoint, call.method());
        pending.put(sequenceId, call);
    }

    /** Removes a pending call and stops counting it; {@code null} when it is not (or no longer) pending. */
    private PendingCall take(int sequenceId) {
        PendingCall call = pending.remove(sequenceId);
        if (call != null) {
            limits.release(pendingCount);
        }
        return call;
    }

    /**
     * The keepalive, run by the Orb's timer thread: when nothing was read for {@code keepAliveNanos}, pings the peer;
     * when a ping stays unanswered for another interval, closes the connection as dead, failing the calls waiting on
     * it (UNAVAILABLE, MAYBE) so that the next call reconnects. Connections to plain Thrift servers are not pinged.
     */
    void keepAlive(long nowNanos, long keepAliveNanos) {
        Connection current = connection;
        if (peerKind != PARLEY_PEER || current == null || !current.isOpen()) {
            return;
        }
        KeepAliveState state = keepAlive;
        int read = framesRead;
        if (read != state.framesSeen || state.quietSinceNanos == 0) {
            state.framesSeen = read;
            state.quietSinceNanos = nowNanos;
            state.ping = null;
            return;
        }
        if (state.ping != null) {
            if (!state.ping.isDone() && nowNanos - state.pingSentNanos >= keepAliveNanos) {
                closeReason = "no answer to a keepalive ping within "
                        + TimeUnit.NANOSECONDS.toMillis(keepAliveNanos)
                        + " ms (keepAliveInterval): the peer is gone or unreachable";
                log.warn("closing connection to {}: {}", endpoint, closeReason);
                current.close();
            }
            return;
        }
        if (nowNanos - state.quietSinceNanos >= keepAliveNanos) {
            state.ping = ping(current, keepAliveNanos);
            state.pingSentNanos = nowNanos;
        }
    }

    private PendingCall ping(Connection current, long keepAliveNanos) {
        int sequenceId = sequence.incrementAndGet();
        PendingCall ping = new PendingCall(KeepAlive.PING, sequenceId);
        limits.acquireAlways(pendingCount);
        pending.put(sequenceId, ping);
        try {
            ByteBuffer frame = codec.encodeCall(new OutboundCall(sequenceId, KeepAlive.SERVICE, KeepAlive.OBJECT_ID,
                    KeepAlive.PING, new Object[0], Math.max(1, keepAliveNanos / 1000), Map.of(), null, null));
            if (!current.send(frame)) {
                take(sequenceId);
            }
        } catch (RuntimeException e) {
            // Over the queued-bytes bound: the peer is not reading; the unanswered ping closes the connection.
            log.debug("keepalive ping to {} not sent: {}", endpoint, e.toString());
        }
        return ping;
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
        // A peer that holds references to this Orb's objects may call at any time: keep reading.
        Peer current = peer;
        return !pending.isEmpty() || (current != null && current.mayCallBack());
    }

    /** Replies to the calls in flight. Any thread. */
    @Override
    public boolean awaitsReplies() {
        return !pending.isEmpty();
    }

    @Override
    public void onOpen(Connection opened) {
        attach(opened);
    }

    @Override
    public void onFrame(Connection from, ByteBuffer frame) {
        framesRead++;
        Peer current = peer;
        if (current != null) {
            MessageType type = codec.messageType(frame);
            if (type == MessageType.CALL || type == MessageType.ONEWAY) {
                // A callback: the peer calls an object of this Orb that went out over this connection.
                current.onCall(from, frame);
                return;
            }
        }
        onReply(from, frame);
    }

    /** A reply to a call made over this connection. */
    void onReply(Connection from, ByteBuffer frame) {
        DecodedReply reply;
        try {
            reply = codec.decodeReply(frame, sequenceId -> {
                PendingCall call = pending.get(sequenceId);
                return call == null ? null : call.method();
            }, references());
        } catch (CodecException e) {
            failOne(from, e);
            return;
        }
        PendingCall call = take(reply.sequenceId());
        if (call == null) {
            log.debug("dropped a late reply from {} (sequence id {})", endpoint, reply.sequenceId());
        } else if (reply.failure() != null) {
            call.completeExceptionally(reply.failure());
        } else {
            call.complete(reply.value());
        }
    }

    /** Why the connection closed, once the transport said: the reason a call that found it closed reports. */
    private UnavailableException closedBeforeSent(MethodDescriptor method) {
        Throwable cause = closeCause;
        return new UnavailableException(Completion.NO, "connection to " + endpoint + " closed before " + method
                + " was sent" + (cause == null ? "" : ": " + cause.getMessage()), cause);
    }

    @Override
    public void onClose(Connection closed, Throwable cause) {
        closeCause = cause;
        String why = closeReason != null ? closeReason : cause == null ? "closed by the server" : cause.toString();
        for (Integer sequenceId : pending.keySet()) {
            PendingCall call = take(sequenceId);
            if (call != null) {
                call.completeExceptionally(refusedUnprocessed(cause) ? new UnavailableException(Completion.NO,
                        call.method() + " was not run: " + cause.getMessage(), cause)
                        : new UnavailableException(Completion.MAYBE, "connection to " + endpoint + " lost while "
                                + call.method() + " was in flight (" + why + "); the call may have run"));
            }
        }
        Peer current = peer;
        if (current != null) {
            current.closed();
        }
    }

    /**
     * The transport says the peer processed nothing sent on the connection (a TLS server that refused this client's
     * certificate after the client saw the handshake end): see {@link FrameHandler#onClose}.
     */
    private static boolean refusedUnprocessed(Throwable cause) {
        return cause instanceof UnavailableException && ((UnavailableException) cause).completion() == Completion.NO;
    }

    private void failOne(Connection from, CodecException e) {
        if (e.header() == null) {
            log.warn("closing connection to {}: unreadable reply ({})", endpoint, e.getMessage());
            from.close();
            return;
        }
        PendingCall call = take(e.header().sequenceId());
        if (call != null) {
            call.completeExceptionally(e);
        }
    }

    /** The cancel message's deadline: the server handles it at once, on its I/O thread; never 0 (no deadline). */
    private static final long CANCEL_TIMEOUT_MICROS = 1_000_000;
    private static final byte PARLEY_PEER = 1;
    private static final byte PLAIN_PEER = 2;

    /** The keepalive's state; touched by the timer thread only. */
    private static final class KeepAliveState {
        int framesSeen;
        long quietSinceNanos;
        long pingSentNanos;
        PendingCall ping;
    }
}
