package io.parley.internal.client;

import io.parley.CallContext;
import io.parley.Completion;
import io.parley.DeadlineExceededException;
import io.parley.Endpoint;
import io.parley.OrbException;
import io.parley.RemoteRef;
import io.parley.Interceptor;
import io.parley.UnavailableException;
import io.parley.internal.DefaultCallContext;
import io.parley.internal.InterceptorChain;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.codec.Codec;
import io.parley.spi.transport.Transport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

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
    private final EndpointChooser chooser;
    private final Codec codec;
    private final Executor callbackExecutor;
    private final ScheduledExecutorService timer;
    private final long connectTimeoutNanos;
    private final Interceptor[] interceptors;
    private final ConcurrentMap<Endpoint, ClientChannel> channels = new ConcurrentHashMap<>();
    /** Made once: a lambda written at the call site would be a new capturing object on every call. */
    private final Function<Endpoint, ClientChannel> newChannel;
    private final ClientLimits limits;
    private final AtomicBoolean keepAliveStarted = new AtomicBoolean();
    private volatile boolean closed;
    private volatile io.parley.internal.remote.RemoteObjects objects; // set once by the Orb; null in bare tests

    public ClientCalls(Transport transport, Codec codec, Executor callbackExecutor, ScheduledExecutorService timer,
            long connectTimeoutNanos) {
        this(transport, codec, callbackExecutor, timer, connectTimeoutNanos, List.of());
    }

    /** With the client interceptors, first registered outermost. */
    public ClientCalls(Transport transport, Codec codec, Executor callbackExecutor, ScheduledExecutorService timer,
            long connectTimeoutNanos, List<Interceptor> interceptors) {
        this(EndpointChooser.tcpOnly(transport), codec, callbackExecutor, timer, connectTimeoutNanos, interceptors);
    }

    /** With the client interceptors, and {@code chooser} picking endpoints and transports (same-host shm first). */
    public ClientCalls(EndpointChooser chooser, Codec codec, Executor callbackExecutor,
            ScheduledExecutorService timer, long connectTimeoutNanos, List<Interceptor> interceptors) {
        this(chooser, codec, callbackExecutor, timer, connectTimeoutNanos, interceptors, ClientLimits.defaults());
    }

    /**
     * As above, with the pending-call limits and the keepalive interval ({@code limits}); the keepalive runs on
     * {@code timer} from the first connection on.
     */
    public ClientCalls(EndpointChooser chooser, Codec codec, Executor callbackExecutor,
            ScheduledExecutorService timer, long connectTimeoutNanos, List<Interceptor> interceptors,
            ClientLimits limits) {
        this.interceptors = interceptors.toArray(new Interceptor[0]);
        this.chooser = chooser;
        this.codec = codec;
        this.callbackExecutor = callbackExecutor;
        this.timer = timer;
        this.connectTimeoutNanos = connectTimeoutNanos;
        this.limits = limits;
        this.newChannel = endpoint -> {
            startKeepAlive();
            return new ClientChannel(endpoint, chooser.transportFor(endpoint), codec, connectTimeoutNanos, limits);
        };
    }

    /** Schedules the keepalive once, at the first connection: an Orb that never calls runs no timer task for it. */
    private void startKeepAlive() {
        long interval = limits.keepAliveNanos();
        if (interval > 0 && keepAliveStarted.compareAndSet(false, true)) {
            // Checked twice per interval, so a ping goes out between one and one and a half intervals of silence.
            long period = Math.max(TimeUnit.MILLISECONDS.toNanos(5), interval / 2);
            timer.scheduleWithFixedDelay(() -> {
                long now = System.nanoTime();
                for (ClientChannel channel : channels.values()) {
                    ClientConnection connection = channel.established();
                    if (connection != null) {
                        connection.keepAlive(now, interval);
                    }
                }
            }, period, period, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Calls {@code method} of the object of {@code ref} with an absolute deadline ({@link System#nanoTime()} units);
     * see {@link io.parley.spi.proxy.Invoker#invoke}. Failures before sending are {@link UnavailableException}s or
     * {@link DeadlineExceededException}s with completion NO, which callers (failover) may retry elsewhere.
     *
     * <p>This is the client's call path in one place: the client interceptors, in the order registered, then
     * {@link #send} (deadline check, connection, encode, send, await). On a thread serving a call, the metadata that
     * call marked to propagate is the call's initial metadata. Without interceptors no context is created.
     */
    public Object call(RemoteRef ref, MethodDescriptor method, Object[] arguments, long deadlineNanos) throws Throwable {
        return call(ref, ref.service(), ref.objectId(), ref.endpoints(), null, null, method, arguments,
                deadlineNanos);
    }

    /**
     * Calls {@code method} of the object {@code objectId} serving {@code service} through the same path as
     * {@link #call(RemoteRef, MethodDescriptor, Object[], long)}, over {@code route} while it is open (the
     * connection a reference came on, or this Orb itself for a collocated object), else over one of
     * {@code endpoints}. {@code target} names the object in contexts and messages.
     */
    public Object call(Object target, String service, String objectId, List<Endpoint> endpoints, Peer route,
            MethodDescriptor method, Object[] arguments, long deadlineNanos) throws Throwable {
        return call(target, service, objectId, endpoints, null, route, method, arguments, deadlineNanos);
    }

    /**
     * Makes this Orb's remote objects (references, leases, callbacks) part of every connection from now on; called
     * once by the Orb before its first call.
     */
    public void remoteObjects(io.parley.internal.remote.RemoteObjects remoteObjects) {
        this.objects = remoteObjects;
    }

    /**
     * The peer of the pooled connection to one of {@code endpoints}, connecting first if needed.
     *
     * @throws UnavailableException (NO) when none can be reached before {@code deadlineNanos}
     */
    public Peer peerAt(List<Endpoint> endpoints, long deadlineNanos) {
        return connect(endpoints, deadlineNanos).peer();
    }

    /**
     * Sends a oneway call over {@code via}'s connection, bypassing the interceptors: the Orb's own lease messages.
     *
     * @throws UnavailableException (NO) when the connection is closed
     */
    public void sendOneway(Peer via, String service, String objectId, MethodDescriptor method, Object[] arguments,
            long timeoutMicros) {
        via.calls().send(service, objectId, method, arguments, timeoutMicros, Map.of(), null);
    }

    /**
     * Calls {@code method} on a plain Thrift server, through the same path as {@link #call(RemoteRef,
     * MethodDescriptor, Object[], long)}: interceptors (whose context names the server's multiplexed service, or
     * the interface's when it is not multiplexed, and an empty object id), deadline, shared connection.
     */
    public Object call(ThriftServer server, String service, MethodDescriptor method, Object[] arguments,
            long deadlineNanos) throws Throwable {
        return call(server, service, "", server.endpoints(), server, null, method, arguments, deadlineNanos);
    }

    /** The call path of both kinds of target; {@code peer} names the target in contexts and messages. */
    private Object call(Object peer, String service, String objectId, List<Endpoint> endpoints, ThriftServer plain,
            Peer route, MethodDescriptor method, Object[] arguments, long deadlineNanos) throws Throwable {
        Map<String, Object> inherited = CallScope.propagatedMetadata();
        if (interceptors.length == 0) {
            return send(peer, service, objectId, endpoints, plain, route, method, arguments, deadlineNanos,
                    inherited);
        }
        DefaultCallContext context = new DefaultCallContext(CallContext.Side.CLIENT, method, service, objectId, peer,
                deadlineNanos, true, inherited);
        return InterceptorChain.start(interceptors, "client", context, arguments,
                sent -> send(peer, service, objectId, endpoints, plain, route, method, sent, deadlineNanos,
                        context.currentMetadata()));
    }

    /** The end of the client chain: sends the call and returns its outcome (a future for asynchronous methods). */
    private Object send(Object peer, String service, String objectId, List<Endpoint> endpoints, ThriftServer plain,
            Peer route, MethodDescriptor method, Object[] arguments, long deadlineNanos, Map<String, Object> metadata)
            throws Throwable {
        long left = deadlineNanos - System.nanoTime(); // the one clock read of the call's way out
        if (left <= 0) {
            throw new DeadlineExceededException(Completion.NO, "the deadline of " + method
                    + " had passed before the call was sent");
        }
        if (CallScope.servedCancelled()) {
            // Made by a servant whose own caller gave up: its outcome would be dropped.
            throw new OrbException(io.parley.ErrorCode.CANCELLED, Completion.NO, method + " was not sent: the call "
                    + "being served on this thread was cancelled by its caller");
        }
        // A reference's own route first (the connection it came on, or this Orb for a collocated object); once that
        // connection is gone, the owner's endpoints, if it listens.
        ClientConnection connection = route != null && route.isOpen() ? route.calls()
                : connect(endpoints, deadlineNanos);
        PendingCall pending;
        boolean reconnected = false;
        // The time left as read before connecting: a connection opened just now makes the server's copy of the
        // deadline later by that much (never later than the caller's own timeout); one clock read less per call.
        long timeLeft = left;
        while (true) {
            // Sent inline rather than through a helper: one call level less on the synchronous path keeps the JIT
            // inlining the encoder into it (measured: otherwise the OutboundCall is no longer scalar-replaced).
            long timeoutMicros = Math.max(1, TimeUnit.NANOSECONDS.toMicros(timeLeft));
            try {
                pending = method.isOneway() || method.isAsync()
                        ? connection.send(service, objectId, method, arguments, timeoutMicros, metadata, plain)
                        : connection.sendAndAwait(service, objectId, method, arguments, timeoutMicros, metadata,
                                plain, deadlineNanos);
                break;
            } catch (UnavailableException e) {
                if (reconnected || e.completion() != Completion.NO || connection.isOpen()) {
                    throw e;
                }
                // The connection was found closed as the call was about to go (a transport that reads idle
                // connections only when used learns of a server's close then): nothing was sent, so one new
                // connection is tried.
                reconnected = true;
                connection = connect(endpoints, deadlineNanos);
                timeLeft = deadlineNanos - System.nanoTime();
            }
        }
        if (pending == null) {
            return null;
        }
        if (method.isAsync()) {
            return completeLater(connection, pending, peer, left);
        }
        return await(connection, pending, peer, deadlineNanos, left);
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
        // EndpointChooser.order's two passes (same-host shared memory, then the rest), walked without a list.
        for (int pass = 0; pass < 2; pass++) {
            for (Endpoint endpoint : endpoints) {
                if (pass == 0 ? !chooser.preferred(endpoint) : !chooser.fallback(endpoint)) {
                    continue;
                }
                try {
                    ClientConnection connection = channels.computeIfAbsent(endpoint, newChannel)
                            .connection(deadlineNanos);
                    io.parley.internal.remote.RemoteObjects current = objects;
                    if (current != null && connection.peer() == null) {
                        // Bound before its first call: references may cross it, and callbacks come in over it.
                        connection.bind(current, false);
                    }
                    return connection;
                } catch (UnavailableException e) {
                    // Endpoints are alternatives: try the next one, and report the last failure if none answers.
                    chooser.failed(endpoint, e);
                    failure = e;
                }
            }
        }
        if (failure == null && endpoints.isEmpty()) {
            throw new UnavailableException(Completion.NO, "the object is reachable only over the connection its "
                    + "reference came on, which is closed (its owner listens on no endpoint)");
        }
        if (failure == null) {
            throw new UnavailableException(Completion.NO, "no endpoint of " + endpoints + " can be reached from here");
        }
        throw failure;
    }

    private Object await(ClientConnection connection, PendingCall pending, Object ref, long deadlineNanos,
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
            connection.cancel(pending); // the server stops the call too, if it still can
            Thread.currentThread().interrupt();
            throw new OrbException(io.parley.ErrorCode.CANCELLED, Completion.MAYBE, "interrupted while waiting for "
                    + pending.method() + " to " + ref, e);
        }
    }

    private CompletableFuture<Object> completeLater(ClientConnection connection, PendingCall pending, Object ref,
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
                connection.cancel(pending); // the server stops the call too, if it still can
                pending.cancel(false);
            }
        });
        return result;
    }

    private static DeadlineExceededException deadlineExceeded(PendingCall pending, Object ref, long leftNanos) {
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
