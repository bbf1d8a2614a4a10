package io.parley.internal.server;

import io.parley.Completion;
import io.parley.ErrorCode;
import io.parley.Interceptor;
import io.parley.ObjectNotFoundException;
import io.parley.OrbException;
import io.parley.UnavailableException;
import io.parley.spi.codec.Codec;
import io.parley.spi.codec.CodecException;
import io.parley.spi.codec.InboundCall;
import io.parley.spi.codec.MessageType;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of an Orb: receives call frames from the transport's I/O threads, decodes them there, and runs
 * each call inline (non-blocking servants) or on the servant executor (one hand-off). Bad messages fail only
 * themselves; a message without a readable header closes its connection, since the peer does not speak Thrift.
 */
public final class ServerDispatcher implements FrameHandler {
    private static final Logger log = LoggerFactory.getLogger(ServerDispatcher.class);

    private final ExportTable exports;
    private final Codec codec;
    private final Executor executor;
    private final InFlight inFlight = new InFlight();
    private final Interceptor[] interceptors;

    public ServerDispatcher(ExportTable exports, Codec codec, Executor executor) {
        this(exports, codec, executor, List.of());
    }

    /** With the server interceptors, first registered outermost; they run where the servant runs. */
    public ServerDispatcher(ExportTable exports, Codec codec, Executor executor, List<Interceptor> interceptors) {
        this.interceptors = interceptors.toArray(new Interceptor[0]);
        this.exports = exports;
        this.codec = codec;
        this.executor = executor;
    }

    @Override
    public void onFrame(Connection connection, ByteBuffer frame) {
        long received = System.nanoTime();
        InboundCall call;
        try {
            call = codec.decodeCall(frame, exports::resolve);
        } catch (CodecException e) {
            rejectMessage(connection, e);
            return;
        }
        Skeleton skeleton;
        try {
            skeleton = exports.skeleton(call.service(), call.objectId());
        } catch (ObjectNotFoundException e) {
            // Unexported between decoding and now.
            answerError(connection, call, e);
            return;
        }
        dispatch(new ServerCall(call, skeleton, connection, this, received),
                skeleton.isNonBlocking(call.method()));
    }

    @Override
    public void onClose(Connection connection, Throwable cause) {
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

    private void dispatch(ServerCall serverCall, boolean inline) {
        if (!inFlight.tryEnter()) {
            serverCall.refuse(new UnavailableException(Completion.NO,
                    "the server is shutting down; call another replica or retry later"));
            return;
        }
        if (inline) {
            serverCall.run();
            return;
        }
        try {
            executor.execute(serverCall);
        } catch (RejectedExecutionException e) {
            inFlight.exit();
            serverCall.refuse(new OrbException(ErrorCode.RESOURCE_EXHAUSTED, Completion.NO,
                    "the server's servant executor is full; retry later"));
        }
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
            connection.send(codec.encodeError(e.header(), e));
        }
    }

    private void answerError(Connection connection, InboundCall call, OrbException error) {
        if (!call.isOneway()) {
            connection.send(codec.encodeError(call.header(), error));
        }
    }
}
