package io.parley.internal.server;

import io.parley.CallContext;
import io.parley.Completion;
import io.parley.DeadlineExceededException;
import io.parley.ErrorCode;
import io.parley.Interceptor;
import io.parley.OrbException;
import io.parley.RemoteFailureException;
import io.parley.internal.DefaultCallContext;
import io.parley.internal.InterceptorChain;
import io.parley.internal.client.CallScope;
import io.parley.spi.ExceptionDescriptor;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.codec.Codec;
import io.parley.spi.codec.CodecException;
import io.parley.spi.codec.InboundCall;
import io.parley.spi.codec.MessageHeader;
import io.parley.spi.transport.Connection;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call being served: runs the server interceptors and the servant (on the servant executor, or inline for
 * non-blocking methods), then sends the answer on the connection the call came from. Ends its {@link InFlight}
 * entry once the answer is sent.
 *
 * <p>While the interceptors and the servant run, this call is the thread's {@link CallScope.Served} call, so the
 * remote calls the servant makes inherit its caller's deadline and the metadata marked to propagate. Its
 * {@link CallContext} is created only when interceptors run or the servant asks for it.
 *
 * <p>Deadline and cancellation: a call whose deadline passed before it could start is answered DEADLINE_EXCEEDED,
 * completion NO, without running; one its caller cancelled ({@link CallCancellation}) is not run if still queued,
 * has its servant thread interrupted if running there, has an asynchronous servant's future cancelled, and is not
 * answered, since the caller forgot it.
 */
final class ServerCall extends CallCancellation implements Runnable, CallScope.Served {
    private static final Logger log = LoggerFactory.getLogger(ServerCall.class);

    private final InboundCall call;
    private final Skeleton skeleton;
    private final Connection connection;
    private final ServedConnection served;
    // The dispatcher gives the codec, the in-flight count and the interceptors: one field instead of three keeps
    // this per-call object as small as it was before interceptors existed.
    private final ServerDispatcher dispatcher;
    private final long deadlineNanos;
    private DefaultCallContext context;
    /** An asynchronous servant's future, once returned: a cancel cancels it. */
    private volatile CompletableFuture<?> outcome;

    ServerCall(InboundCall call, Skeleton skeleton, ServedConnection served, ServerDispatcher dispatcher,
            long receivedNanos) {
        this.call = call;
        this.skeleton = skeleton;
        this.connection = served.connection;
        this.served = served;
        this.dispatcher = dispatcher;
        this.deadlineNanos = call.timeoutMicros() > 0 ? receivedNanos + call.timeoutMicros() * 1000 : 0;
    }

    /** Runs the call on a servant thread, which a cancel may interrupt while the servant runs. */
    @Override
    public void run() {
        run(true, true);
    }

    /**
     * Runs the call on the current thread (an I/O thread, or a collocated caller's), which nothing interrupts, at
     * once: it waited in no queue, so its deadline is not checked again (a clock read saved on every such call).
     */
    void runInline() {
        run(false, false);
    }

    private void run(boolean interruptible, boolean queued) {
        if (queued && deadlineNanos != 0 && System.nanoTime() - deadlineNanos > 0) {
            // The caller has given up already: running the servant now would be wasted work.
            finish(dispatcher.codec().encodeError(call.header(), new DeadlineExceededException(Completion.NO,
                    describe() + " was abandoned: its deadline passed before the servant could start")));
            return;
        }
        if (!begin(interruptible)) {
            log.debug("{} was cancelled by its caller before it started; not run", describe());
            finish(null);
            return;
        }
        Object result = null;
        Throwable failure = null;
        CallScope.Served previous = CallScope.enter(this);
        try {
            result = serve();
        } catch (Throwable thrown) {
            failure = thrown;
        } finally {
            CallScope.leave(previous);
            end(); // no cancel interrupts this thread from here on
        }
        if (failure != null) {
            fail(failure);
        } else if (call.method().isAsync()) {
            completeLater(result);
        } else {
            succeed(result);
        }
    }

    /**
     * The server's call path in one place: the server interceptors, in the order registered, then the servant.
     * Without interceptors the servant is called directly.
     */
    private Object serve() throws Throwable {
        Interceptor[] interceptors = dispatcher.interceptors();
        if (interceptors.length == 0) {
            return skeleton.invoke(call.method(), call.arguments());
        }
        return InterceptorChain.start(interceptors, "server", context(), call.arguments(),
                arguments -> skeleton.invoke(call.method(), arguments));
    }

    @Override
    public boolean hasDeadline() {
        return call.timeoutMicros() > 0;
    }

    @Override
    public long deadlineNanos() {
        return deadlineNanos;
    }

    @Override
    public DefaultCallContext context() {
        if (context == null) {
            context = new DefaultCallContext(CallContext.Side.SERVER, call.method(), call.service(), call.objectId(),
                    connection, deadlineNanos, hasDeadline(), call.metadata());
            context.cancelledWhen(this::isCancelled);
        }
        return context;
    }

    @Override
    public Map<String, Object> propagatedMetadata() {
        return context == null ? Map.of() : context.propagatedMetadata();
    }

    @Override
    public io.parley.spi.codec.References references() {
        return call.references();
    }

    /** Answers that the call was refused before the servant ran. */
    void refuse(OrbException error) {
        if (!call.isOneway()) {
            sendOrClose(connection, dispatcher.codec().encodeError(call.header(), error), call.header(),
                    dispatcher.codec());
        }
    }

    ServedConnection served() {
        return served;
    }

    Connection connection() {
        return connection;
    }

    int sequenceId() {
        return call.header().sequenceId();
    }

    /**
     * Whether a cancel message may reach this call: a two-way call from a Parley caller (which always sends a
     * deadline; a standard Thrift client sends none, and no cancel either), run where a cancel can still find it
     * running: on a servant thread, or anywhere for an asynchronous servant, whose future may be pending long after.
     */
    boolean cancellable(boolean inline) {
        return !call.isOneway() && call.timeoutMicros() > 0 && (!inline || call.method().isAsync());
    }

    /** Cancels an asynchronous servant's future; on the servant executor, since its dependents run where it ends. */
    @Override
    void onCancel() {
        CompletableFuture<?> future = outcome;
        if (future != null && !future.isDone()) {
            try {
                dispatcher.executor().execute(() -> future.cancel(false));
            } catch (RejectedExecutionException e) {
                // Best effort: the servant's context still reports the cancellation, and no answer is sent.
                log.debug("could not cancel the future of {}: {}", describe(), e.toString());
            }
        }
    }

    boolean isOneway() {
        return call.isOneway();
    }

    private void completeLater(Object future) {
        if (future == null) {
            fail(new NullPointerException(describe() + " returned a null CompletableFuture"));
            return;
        }
        CompletableFuture<?> pending = (CompletableFuture<?>) future;
        outcome = pending;
        if (isCancelled()) {
            onCancel(); // cancelled while the servant ran: its future is the thing to stop now
        }
        pending.whenComplete((value, thrown) -> {
            if (thrown != null) {
                fail(unwrap(thrown));
            } else {
                succeed(value);
            }
        });
    }

    private void succeed(Object value) {
        if (call.isOneway() || isCancelled()) {
            finish(null);
            return;
        }
        ByteBuffer answer;
        try {
            answer = dispatcher.codec().encodeResult(call, value);
        } catch (CodecException e) {
            answer = dispatcher.codec().encodeError(call.header(), new OrbException(ErrorCode.INVALID_DATA,
                    Completion.YES, describe() + " returned a value that cannot be sent: " + e.getMessage()));
        }
        finish(answer);
    }

    private void fail(Throwable thrown) {
        MethodDescriptor method = call.method();
        ExceptionDescriptor declared = method.declared(thrown);
        if (call.isOneway()) {
            log.warn("{} (oneway) threw; nobody is told", describe(), thrown);
            finish(null);
        } else if (isCancelled()) {
            // Most likely the interrupt (or the future's cancellation) the cancel caused: not worth a warning.
            log.debug("{} was cancelled by its caller and ended with {}; no answer is sent", describe(),
                    thrown.toString());
            finish(null);
        } else if (declared != null) {
            finish(dispatcher.codec().encodeDeclaredException(call, declared, thrown));
        } else if (thrown instanceof DeadlineExceededException && deadlinePassed()) {
            // A nested call ran out of this call's own (inherited) time: the caller's deadline passed, whichever side
            // noticed first, so the caller hears DEADLINE_EXCEEDED rather than a remote failure (as gRPC does).
            log.debug("{} ended with its caller's deadline passed: {}", describe(), thrown.getMessage());
            finish(dispatcher.codec().encodeError(call.header(), new DeadlineExceededException(Completion.MAYBE,
                    describe() + " ran out of its caller's deadline: " + thrown.getMessage())));
        } else if (thrown instanceof OrbException refused && refusedByInterceptor()) {
            // An interceptor refused the call (UNAUTHORIZED, RESOURCE_EXHAUSTED…): the caller gets that code and
            // completion. Once the servant ran, its OrbExceptions stay remote failures, completion YES.
            finish(dispatcher.codec().encodeError(call.header(), refused));
        } else {
            log.warn("{} threw an exception its interface does not declare; the caller gets a "
                    + "RemoteFailureException", describe(), thrown);
            finish(dispatcher.codec().encodeError(call.header(),
                    new RemoteFailureException(thrown.getClass().getName(), thrown.getMessage(), describe())));
        }
    }

    /** Whether this call has a deadline and it has passed. */
    private boolean deadlinePassed() {
        return deadlineNanos != 0 && System.nanoTime() - deadlineNanos >= 0;
    }

    /** Whether an interceptor ended the call before the servant was called. */
    private boolean refusedByInterceptor() {
        // Without interceptors the servant always ran (a context may exist: the servant asked for it).
        return dispatcher.interceptors().length > 0 && context != null && !context.terminalReached();
    }

    private void finish(ByteBuffer answer) {
        dispatcher.cancellable().remove(this);
        try {
            // A cancelled call is not answered: its caller forgot it and would drop the answer.
            if (answer != null && !call.isOneway() && !isCancelled()) {
                send(answer);
            }
        } finally {
            dispatcher.inFlight().exit(served);
        }
    }

    private void send(ByteBuffer answer) {
        sendOrClose(connection, answer, call.header(), dispatcher.codec());
    }

    /**
     * Sends an answer. When the transport refuses it (RESOURCE_EXHAUSTED: larger than the largest message, or the
     * peer leaves more than {@code maxQueuedBytesPerConnection} unread), the caller gets that error instead; when even
     * that cannot be queued, the peer is not reading its answers, and its connection is closed: keeping it would
     * only keep the memory, and the caller learns at once that its calls were lost.
     */
    static void sendOrClose(Connection connection, ByteBuffer answer, MessageHeader header, Codec codec) {
        try {
            if (!connection.send(answer)) {
                log.debug("answer to {} dropped: connection from {} closed", header.name(),
                        connection.remoteAddress());
            }
            return;
        } catch (OrbException refused) {
            try {
                connection.send(codec.encodeError(header, new OrbException(ErrorCode.RESOURCE_EXHAUSTED,
                        Completion.MAYBE, "the answer to " + header.name() + " could not be sent: "
                        + refused.getMessage())));
                return;
            } catch (OrbException again) {
                log.warn("closing connection from {}: {} (writable: {}); its unread answers are dropped",
                        connection.remoteAddress(), again.getMessage(), connection.isWritable());
            }
        }
        connection.close();
    }

    String describe() {
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
