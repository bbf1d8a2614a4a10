package io.parley.internal.server;

import io.parley.Completion;
import io.parley.ErrorCode;
import io.parley.Interceptor;
import io.parley.ObjectNotFoundException;
import io.parley.OrbException;
import io.parley.UnavailableException;
import io.parley.internal.CancelCall;
import io.parley.internal.KeepAlive;
import io.parley.internal.OrbLimits;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.codec.Codec;
import io.parley.spi.codec.CodecException;
import io.parley.spi.codec.InboundCall;
import io.parley.spi.codec.MessageType;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of an Orb: receives call frames from the transport's I/O threads, decodes them there, and runs
 * each call inline (non-blocking servants) or on the servant executor (one hand-off). Bad messages fail only
 * themselves; a message without a readable header closes its connection, since the peer does not speak Thrift.
 *
 * <p>Overload: a call beyond {@code maxCalls} (all connections) or {@code maxCallsPerConnection} is answered at once
 * with RESOURCE_EXHAUSTED, completion NO, and its servant does not run; a oneway call beyond them is dropped. A
 * connection without calls for the idle timeout is closed (see {@code SECURITY.md}, "Overload and limits").
 *
 * <p>Cancellation: a {@link CancelCall} message is handled on the I/O thread, like the keepalive ping, and reaches
 * only the calls of its own connection ({@link CancellableCalls}).
 */
public final class ServerDispatcher implements FrameHandler {
    private static final Logger log = LoggerFactory.getLogger(ServerDispatcher.class);

    private final ExportTable exports;
    private final Codec codec;
    private final Executor executor;
    private volatile boolean servantsOnReadingThreads;
    private final InFlight inFlight;
    private final CancellableCalls cancellable = new CancellableCalls();
    private final Interceptor[] interceptors;
    private final ConcurrentMap<Connection, ServedConnection> connections = new ConcurrentHashMap<>();
    private final RateLimitedLog droppedOneways = new RateLimitedLog(log);
    private final long idleTimeoutNanos; // 0: never
    private final ScheduledExecutorService timer; // runs the idle sweep; null without an idle timeout
    private final AtomicBoolean sweeping = new AtomicBoolean();
    /** The peers of connections (references, callbacks both ways); null in bare tests. Set once by the Orb. */
    private volatile io.parley.internal.remote.RemoteObjects remoteObjects;

    public ServerDispatcher(ExportTable exports, Codec codec, Executor executor) {
        this(exports, codec, executor, List.of());
    }

    /** With the server interceptors, first registered outermost; they run where the servant runs. */
    public ServerDispatcher(ExportTable exports, Codec codec, Executor executor, List<Interceptor> interceptors) {
        this(exports, codec, executor, interceptors, OrbLimits.defaults(), null);
    }

    /**
     * With the server interceptors and the overload limits; {@code timer} runs the idle sweep (every quarter of
     * the idle timeout, from the first connection on), or is {@code null} to close no idle connection.
     */
    public ServerDispatcher(ExportTable exports, Codec codec, Executor executor, List<Interceptor> interceptors,
            OrbLimits limits, ScheduledExecutorService timer) {
        this.interceptors = interceptors.toArray(new Interceptor[0]);
        this.exports = exports;
        this.codec = codec;
        this.executor = executor;
        this.inFlight = new InFlight(limits.maxCalls(), limits.maxCallsPerConnection());
        Duration idle = limits.idleTimeout();
        this.idleTimeoutNanos = timer == null || idle.isZero() ? 0 : idle.toNanos();
        this.timer = timer;
    }

    /**
     * Lets transports run blocking servant calls on the thread that read them ({@link Connection#executeServant}),
     * which spares a sequential call both of its hand-offs. Only for the Orb's own executor: one the application
     * gave may carry its own context or bounds, so its calls always go to it.
     */
    public void servantsOnReadingThreads(boolean allowed) {
        this.servantsOnReadingThreads = allowed;
    }

    /** Makes every accepted connection carry references, and replies to callbacks this Orb makes over it. */
    public void remoteObjects(io.parley.internal.remote.RemoteObjects objects) {
        this.remoteObjects = objects;
    }

    @Override
    public void onOpen(Connection connection) {
        io.parley.internal.remote.RemoteObjects objects = remoteObjects;
        if (objects != null) {
            objects.accepted(connection);
        }
        connections.put(connection, new ServedConnection(connection, System.nanoTime()));
        if (idleTimeoutNanos > 0 && sweeping.compareAndSet(false, true)) {
            long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10),
                    Math.min(idleTimeoutNanos / 4, TimeUnit.SECONDS.toNanos(5)));
            timer.scheduleWithFixedDelay(this::closeIdle, period, period, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void onFrame(Connection connection, ByteBuffer frame) {
        long received = System.nanoTime();
        io.parley.internal.remote.RemoteObjects objects = remoteObjects;
        io.parley.internal.client.Peer peer = objects == null ? null : objects.peerOf(connection);
        if (peer != null && peer.tookReply(connection, frame)) {
            return; // the answer to a callback this Orb made over the connection
        }
        InboundCall call;
        try {
            call = codec.decodeCall(frame, this::resolve,
                    peer == null ? io.parley.spi.codec.References.NONE : peer);
        } catch (CodecException e) {
            rejectMessage(connection, e);
            return;
        }
        if (call.method() == KeepAlive.PING) {
            answerPing(connection, call);
            return;
        }
        if (call.method() == CancelCall.CANCEL) {
            cancel(connection, call);
            return;
        }
        ServedConnection served = served(connection, received);
        served.lastCallNanos = received;
        Skeleton skeleton;
        try {
            skeleton = exports.skeleton(call.service(), call.objectId());
        } catch (ObjectNotFoundException e) {
            // Unexported between decoding and now.
            answerError(connection, call, e);
            return;
        }
        // A collocated call runs on its caller's thread, as a direct call would (a oneway one still does not wait).
        dispatch(new ServerCall(call, skeleton, served, this, received),
                skeleton.isNonBlocking(call.method()) || (peer != null && peer.isLocal() && !call.isOneway()));
    }

    @Override
    public void onClose(Connection connection, Throwable cause) {
        connections.remove(connection);
        io.parley.internal.remote.RemoteObjects objects = remoteObjects;
        if (objects != null) {
            objects.closed(connection, cause);
        }
        if (cause != null) {
            log.debug("connection from {} closed: {}", connection.remoteAddress(), cause.toString());
        }
    }

    Codec codec() {
        return codec;
    }

    InFlight inFlight() {
        return inFlight;
    }

    CancellableCalls cancellable() {
        return cancellable;
    }

    Executor executor() {
        return executor;
    }

    Interceptor[] interceptors() {
        return interceptors;
    }

    /**
     * Refuses new calls and waits until the calls in flight have answered.
     *
     * @return how many calls were still running when the timeout ran out
     */
    public int drain(long timeout, TimeUnit unit) throws InterruptedException {
        return inFlight.closeAndAwait(timeout, unit);
    }

    /** The keepalive's method, or the export table's answer. */
    private MethodDescriptor resolve(String service, String objectId, String method) {
        if (KeepAlive.OBJECT_ID.equals(objectId) && KeepAlive.SERVICE.equals(service)
                && KeepAlive.PING.name().equals(method)) {
            return KeepAlive.PING;
        }
        if (CancelCall.OBJECT_ID.equals(objectId) && CancelCall.SERVICE.equals(service)
                && CancelCall.CANCEL.name().equals(method)) {
            return CancelCall.CANCEL;
        }
        return exports.resolve(service, objectId, method);
    }

    /** Answered here, on the I/O thread: no servant, no limit, and not a call for the idle timeout. */
    private void answerPing(Connection connection, InboundCall ping) {
        if (!ping.isOneway()) {
            ServerCall.sendOrClose(connection, codec.encodeResult(ping, null), ping.header(), codec);
        }
    }

    /**
     * A caller gave up on one of its calls: if the call is still queued or running, it is cancelled. Handled here,
     * on the I/O thread, outside the interceptors and the limits (a cancel only lightens the load, and reaches only
     * the calls of its own connection), and not a call for the idle timeout. A cancel sent as a two-way call (no
     * Parley client does) is not answered either: the answer would mean nothing.
     */
    private void cancel(Connection connection, InboundCall cancel) {
        Object[] arguments = cancel.arguments();
        if (arguments.length != 1 || !(arguments[0] instanceof Integer sequenceId)) {
            log.debug("ignored a malformed cancel from {}", connection.remoteAddress());
            return;
        }
        if (!cancellable.cancel(connection, sequenceId)) {
            log.debug("ignored a cancel from {} for call {}: not in flight (answered already, or not cancellable)",
                    connection.remoteAddress(), sequenceId);
        }
    }

    /**
     * The connection's state. A connection whose {@code onOpen} this dispatcher did not see (calls handed over by
     * another handler) gets a state of its own per call, not kept: without {@code onClose} it could never be
     * forgotten, and the idle sweep must not close a connection someone else owns. Only {@code maxCalls} bounds
     * such calls.
     */
    private ServedConnection served(Connection connection, long now) {
        ServedConnection served = connections.get(connection);
        return served != null ? served : new ServedConnection(connection, now);
    }

    /** Closes the connections that had no call for the idle timeout and have none in flight. Timer thread. */
    private void closeIdle() {
        long now = System.nanoTime();
        for (ServedConnection served : connections.values()) {
            if (served.inFlight.get() == 0 && now - served.lastCallNanos > idleTimeoutNanos
                    && !heldByReferences(served.connection)) {
                log.debug("closing connection from {}: no call for {} ms (idleTimeout)",
                        served.connection.remoteAddress(), TimeUnit.NANOSECONDS.toMillis(now - served.lastCallNanos));
                connections.remove(served.connection);
                served.connection.close();
            }
        }
    }

    /** Whether the connection's peer holds references to objects of this Orb (closing it would end their leases). */
    private boolean heldByReferences(Connection connection) {
        io.parley.internal.remote.RemoteObjects objects = remoteObjects;
        return objects != null && objects.inUse(connection);
    }

    private void dispatch(ServerCall serverCall, boolean inline) {
        InFlight.Refusal refusal = inFlight.tryEnter(serverCall.served());
        if (refusal != null) {
            refuse(serverCall, refusal);
            return;
        }
        if (serverCall.cancellable(inline)) {
            cancellable.add(serverCall.connection(), serverCall.sequenceId(), serverCall);
        }
        if (inline) {
            serverCall.runInline();
            return;
        }
        try {
            if (servantsOnReadingThreads) {
                serverCall.connection().executeServant(serverCall, executor);
            } else {
                executor.execute(serverCall);
            }
        } catch (RejectedExecutionException e) {
            cancellable.remove(serverCall);
            inFlight.exit(serverCall.served());
            if (serverCall.isOneway()) {
                droppedOneways.warn("dropped {} oneway call(s): the servant executor is full (last: {})",
                        serverCall.describe());
                return;
            }
            serverCall.refuse(new OrbException(ErrorCode.RESOURCE_EXHAUSTED, Completion.NO,
                    "the server's servant executor is full (it queues at most maxCalls calls); retry later"));
        }
    }

    /** Answers a call that was not admitted; a oneway call has no answer and is dropped with a (rate-limited) log. */
    private void refuse(ServerCall serverCall, InFlight.Refusal refusal) {
        if (refusal == InFlight.Refusal.CLOSING) {
            serverCall.refuse(new UnavailableException(Completion.NO,
                    "the server is shutting down; call another replica or retry later"));
            return;
        }
        String limit = refusal == InFlight.Refusal.ORB_FULL
                ? inFlight.maxCalls() + " calls in flight on the server (limit Orb.Builder.maxCalls="
                        + inFlight.maxCalls() + ")"
                : inFlight.maxCallsPerConnection() + " calls in flight from this connection (limit "
                        + "Orb.Builder.maxCallsPerConnection=" + inFlight.maxCallsPerConnection() + ")";
        if (serverCall.isOneway()) {
            droppedOneways.warn("dropped {} oneway call(s) beyond the server's limits (last: {})",
                    serverCall.describe() + " with " + limit);
            return;
        }
        serverCall.refuse(new OrbException(ErrorCode.RESOURCE_EXHAUSTED, Completion.NO, serverCall.describe()
                + " was refused: already " + limit + "; back off and retry, or raise the limit"));
    }

    private void rejectMessage(Connection connection, CodecException e) {
        if (e.header() == null) {
            log.warn("closing connection from {}: unreadable message ({})", connection.remoteAddress(),
                    e.getMessage());
            connection.close();
            return;
        }
        log.debug("rejected message {} from {}: {}", e.header().name(), connection.remoteAddress(), e.getMessage());
        if (e.header().type() != MessageType.ONEWAY) {
            ServerCall.sendOrClose(connection, codec.encodeError(e.header(), e), e.header(), codec);
        }
    }

    private void answerError(Connection connection, InboundCall call, OrbException error) {
        if (!call.isOneway()) {
            ServerCall.sendOrClose(connection, codec.encodeError(call.header(), error), call.header(), codec);
        }
    }
}
