package io.parley.internal.client;

import io.parley.Completion;
import io.parley.DeadlineExceededException;
import io.parley.Endpoint;
import io.parley.OrbException;
import io.parley.RemoteRef;
import io.parley.UnavailableException;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.codec.Codec;
import io.parley.spi.transport.Transport;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The client side of an Orb: the connection pool (one shared connection per endpoint) and the call path from a
 * proxy's invoker to the wire and back.
 *
 * <p>Threads: a synchronous call is encoded and sent on the caller's thread, which then waits for the reply that
 * the connection's I/O thread decodes, or, with a transport that lets callers drive their connections
 * ({@link io.parley.spi.transport.Connection#sendAndAwait}), reads and decodes the reply itself. An asynchronous
 * call's future is completed on the Orb's executor, so that code chained on it never runs on (and never blocks) an
 * I/O thread.
 */
public final class ClientCalls {
    private final Transport transport;
    private final Codec codec;
    private final Executor callbackExecutor;
    private final ScheduledExecutorService timer;
    private final long connectTimeoutNanos;
    private final ConcurrentMap<Endpoint, ClientChannel> channels = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public ClientCalls(Transport transport, Codec codec, Executor callbackExecutor, ScheduledExecutorService timer,
            long connectTimeoutNanos) {
        this.transport = transport;
        this.codec = codec;
        this.callbackExecutor = callbackExecutor;
        this.timer = timer;
        this.connectTimeoutNanos = connectTimeoutNanos;
    }

    /**
     * Calls {@code method} of the object of {@code ref} with an absolute deadline ({@link System#nanoTime()} units);
     * see {@link io.parley.spi.proxy.Invoker#invoke}. Failures before sending are {@link UnavailableException}s or
     * {@link DeadlineExceededException}s with completion NO, which callers (failover) may retry elsewhere.
     */
    public Object call(RemoteRef ref, MethodDescriptor method, Object[] arguments, long deadlineNanos) throws Throwable {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new DeadlineExceededException(Completion.NO, "the deadline of " + method
                    + " had passed before the call was sent");
        }
        ClientConnection connection = connect(ref.endpoints(), deadlineNanos);
        PendingCall pending;
        try {
            pending = start(connection, ref, method, arguments, deadlineNanos);
        } catch (UnavailableException e) {
            if (e.completion() != Completion.NO || connection.isOpen()) {
                throw e;
            }
            // The connection was found closed as the call was about to go (a transport that reads idle connections
            // only when used learns of a server's close then): nothing was sent, so one new connection is tried.
            connection = connect(ref.endpoints(), deadlineNanos);
            pending = start(connection, ref, method, arguments, deadlineNanos);
        }
        if (pending == null) {
            return null;
        }
        if (method.isAsync()) {
            return completeLater(connection, pending, ref, left);
        }
        return await(connection, pending, ref, deadlineNanos, left);
    }

    /**
     * Sends the call: a synchronous one through {@code sendAndAwait}, so that it returns once answered or at the
     * deadline; others return once sent. {@code null} for a oneway call.
     */
    private static PendingCall start(ClientConnection connection, RemoteRef ref, MethodDescriptor method,
            Object[] arguments, long deadlineNanos) {
        long timeoutMicros = Math.max(1, TimeUnit.NANOSECONDS.toMicros(deadlineNanos - System.nanoTime()));
        if (method.isOneway() || method.isAsync()) {
            return connection.send(ref.service(), ref.objectId(), method, arguments, timeoutMicros);
        }
        return connection.sendAndAwait(ref.service(), ref.objectId(), method, arguments, timeoutMicros,
                deadlineNanos);
    }

    /** Fails the calls in flight and closes every connection. */
    public void close() {
        closed = true;
        channels.values().forEach(ClientChannel::close);
        channels.clear();
    }

    private ClientConnection connect(List<Endpoint> endpoints, long deadlineNanos) {
        if (closed) {
            throw new UnavailableException(Completion.NO, "this Orb is closed");
        }
        UnavailableException failure = null;
        for (Endpoint endpoint : endpoints) {
            try {
                return channels.computeIfAbsent(endpoint,
                        e -> new ClientChannel(e, transport, codec, connectTimeoutNanos)).connection(deadlineNanos);
            } catch (UnavailableException e) {
                // Endpoints are alternatives: try the next one, and report the last failure if none answers.
                failure = e;
            }
        }
        throw failure;
    }

    private Object await(ClientConnection connection, PendingCall pending, RemoteRef ref, long deadlineNanos,
            long leftNanos) throws Throwable {
        try {
            // Usually done already: the transport waited for it, up to the deadline, in sendAndAwait.
            return pending.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            connection.forget(pending);
            throw deadlineExceeded(pending, ref, leftNanos);
        } catch (ExecutionException e) {
            Throwable failure = e.getCause();
            // Created on the I/O thread: give it the caller's stack, which is where the user will look.
            failure.fillInStackTrace();
            throw failure;
        } catch (InterruptedException e) {
            connection.forget(pending);
            Thread.currentThread().interrupt();
            throw new OrbException(io.parley.ErrorCode.CANCELLED, Completion.MAYBE, "interrupted while waiting for "
                    + pending.method() + " to " + ref, e);
        }
    }

    private CompletableFuture<Object> completeLater(ClientConnection connection, PendingCall pending, RemoteRef ref,
            long leftNanos) {
        CallFuture<Object> result = new CallFuture<>(callbackExecutor);
        ScheduledFuture<?> timeout = timer.schedule(() -> {
            connection.forget(pending);
            pending.completeExceptionally(deadlineExceeded(pending, ref, leftNanos));
        }, leftNanos, TimeUnit.NANOSECONDS);
        pending.whenComplete((value, failure) -> {
            timeout.cancel(false);
            callbackExecutor.execute(() -> {
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            });
        });
        result.whenComplete((value, failure) -> {
            if (result.isCancelled()) {
                connection.forget(pending);
                pending.cancel(false);
            }
        });
        return result;
    }

    private static DeadlineExceededException deadlineExceeded(PendingCall pending, RemoteRef ref, long leftNanos) {
        return new DeadlineExceededException(Completion.MAYBE, pending.method() + " on " + ref
                + " did not answer within " + TimeUnit.NANOSECONDS.toMillis(leftNanos) + " ms; it may still run");
    }

    /** The future handed to callers of asynchronous methods: its *Async stages default to the Orb's executor. */
    private static final class CallFuture<T> extends CompletableFuture<T> {
        private final Executor executor;

        CallFuture(Executor executor) {
            this.executor = executor;
        }

        @Override
        public Executor defaultExecutor() {
            return executor;
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new CallFuture<>(executor);
        }
    }
}
