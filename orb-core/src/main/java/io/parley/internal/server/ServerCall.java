package io.parley.internal.server;

import io.parley.Completion;
import io.parley.DeadlineExceededException;
import io.parley.ErrorCode;
import io.parley.OrbException;
import io.parley.RemoteFailureException;
import io.parley.spi.ExceptionDescriptor;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.codec.Codec;
import io.parley.spi.codec.CodecException;
import io.parley.spi.codec.InboundCall;
import io.parley.spi.transport.Connection;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call being served: runs the servant (on the servant executor, or inline for non-blocking methods), then sends
 * the answer on the connection the call came from. Ends its {@link InFlight} entry once the answer is sent.
 */
final class ServerCall implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ServerCall.class);

    private final InboundCall call;
    private final Skeleton skeleton;
    private final Connection connection;
    private final Codec codec;
    private final InFlight inFlight;
    private final long deadlineNanos;

    ServerCall(InboundCall call, Skeleton skeleton, Connection connection, Codec codec, InFlight inFlight,
            long receivedNanos) {
        this.call = call;
        this.skeleton = skeleton;
        this.connection = connection;
        this.codec = codec;
        this.inFlight = inFlight;
        this.deadlineNanos = call.timeoutMicros() > 0 ? receivedNanos + call.timeoutMicros() * 1000 : 0;
    }

    @Override
    public void run() {
        if (deadlineNanos != 0 && System.nanoTime() - deadlineNanos > 0) {
            // The caller has given up already: running the servant now would be wasted work.
            finish(codec.encodeError(call.header(), new DeadlineExceededException(Completion.NO,
                    describe() + " was abandoned: its deadline passed before the servant could start")));
            return;
        }
        Object result;
        try {
            result = skeleton.invoke(call.method(), call.arguments());
        } catch (Throwable thrown) {
            fail(thrown);
            return;
        }
        if (call.method().isAsync()) {
            completeLater(result);
        } else {
            succeed(result);
        }
    }

    /** Answers that the call was refused before the servant ran. */
    void refuse(OrbException error) {
        if (!call.isOneway()) {
            send(codec.encodeError(call.header(), error));
        }
    }

    private void completeLater(Object future) {
        if (future == null) {
            fail(new NullPointerException(describe() + " returned a null CompletableFuture"));
            return;
        }
        ((CompletableFuture<?>) future).whenComplete((value, thrown) -> {
            if (thrown != null) {
                fail(unwrap(thrown));
            } else {
                succeed(value);
            }
        });
    }

    private void succeed(Object value) {
        if (call.isOneway()) {
            finish(null);
            return;
        }
        ByteBuffer answer;
        try {
            answer = codec.encodeResult(call, value);
        } catch (CodecException e) {
            answer = codec.encodeError(call.header(), new OrbException(ErrorCode.INVALID_DATA, Completion.YES,
                    describe() + " returned a value that cannot be sent: " + e.getMessage()));
        }
        finish(answer);
    }

    private void fail(Throwable thrown) {
        MethodDescriptor method = call.method();
        ExceptionDescriptor declared = method.declared(thrown);
        if (call.isOneway()) {
            log.warn("{} (oneway) threw; nobody is told", describe(), thrown);
            finish(null);
        } else if (declared != null) {
            finish(codec.encodeDeclaredException(call, declared, thrown));
        } else {
            log.warn("{} threw an exception its interface does not declare; the caller gets a "
                    + "RemoteFailureException", describe(), thrown);
            finish(codec.encodeError(call.header(),
                    new RemoteFailureException(thrown.getClass().getName(), thrown.getMessage(), describe())));
        }
    }

    private void finish(ByteBuffer answer) {
        try {
            if (answer != null && !call.isOneway()) {
                send(answer);
            }
        } finally {
            inFlight.exit();
        }
    }

    private void send(ByteBuffer answer) {
        if (!connection.send(answer)) {
            log.debug("answer to {} dropped: connection from {} closed", describe(), connection.remoteAddress());
        }
    }

    private String describe() {
        return call.service() + "." + call.method().name() + " of '" + call.objectId() + "'";
    }

    private static Throwable unwrap(Throwable thrown) {
        Throwable cause = thrown;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
