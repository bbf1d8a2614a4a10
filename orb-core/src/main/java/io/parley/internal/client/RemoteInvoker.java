package io.parley.internal.client;

import io.parley.Endpoint;
import io.parley.RemoteRef;
import io.parley.internal.remote.HeldLease;
import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.codec.WireReference;
import io.parley.spi.proxy.Invoker;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The invoker behind a proxy of a remote object: picks the call's deadline and hands the call to {@link ClientCalls}
 * (which runs the client interceptors). Runs on the caller's thread.
 *
 * <p>A proxy made from a reference received in a message may have a route (the connection the reference came on,
 * when the sender owns the object; or this Orb itself for a collocated object) tried before the endpoints, and a
 * {@link HeldLease} that keeps the object exported by its owner until the proxy is released or collected.
 */
public final class RemoteInvoker implements Invoker {
    private final Object target;
    private final String service;
    private final String objectId;
    private final List<Endpoint> endpoints;
    private final long incarnation;
    private final List<MethodDescriptor> methods;
    private final ClientCalls calls;
    private final long defaultTimeoutNanos;
    private final Peer route;
    private final HeldLease lease;

    public RemoteInvoker(RemoteRef ref, InterfaceDescriptor iface, ClientCalls calls, long defaultTimeoutNanos) {
        this(ref, ref.service(), ref.objectId(), ref.endpoints(), ref.incarnation(), iface, calls,
                defaultTimeoutNanos, null, null);
    }

    /** An invoker for {@code ref} that calls over {@code route} (this Orb itself, collocated) when not null. */
    public RemoteInvoker(RemoteRef ref, InterfaceDescriptor iface, ClientCalls calls, long defaultTimeoutNanos,
            Peer route) {
        this(ref, ref.service(), ref.objectId(), ref.endpoints(), ref.incarnation(), iface, calls,
                defaultTimeoutNanos, route, null);
    }

    /**
     * An invoker for the object of {@code reference}; {@code route} and {@code lease} may be {@code null}. The
     * target (what the proxy equals, hashes and prints as) is the {@link RemoteRef} when the owner listens
     * somewhere, else the wire reference without its {@code fromSender} flag.
     */
    public RemoteInvoker(WireReference reference, InterfaceDescriptor iface, ClientCalls calls,
            long defaultTimeoutNanos, Peer route, HeldLease lease) {
        this(targetOf(reference), reference.service(), reference.objectId(), reference.endpoints(),
                reference.incarnation(), iface, calls, defaultTimeoutNanos, route, lease);
    }

    private RemoteInvoker(Object target, String service, String objectId, List<Endpoint> endpoints, long incarnation,
            InterfaceDescriptor iface, ClientCalls calls, long defaultTimeoutNanos, Peer route, HeldLease lease) {
        this.target = target;
        this.service = service;
        this.objectId = objectId;
        this.endpoints = endpoints;
        this.incarnation = incarnation;
        this.methods = iface.methods();
        this.calls = calls;
        this.defaultTimeoutNanos = defaultTimeoutNanos;
        this.route = route;
        this.lease = lease;
    }

    @Override
    public Object invoke(int methodIndex, Object[] arguments) throws Throwable {
        MethodDescriptor method = methods.get(methodIndex);
        if (lease != null) {
            lease.checkHeld(target);
        }
        return calls.call(target, service, objectId, endpoints, route, method, arguments, deadline(method));
    }

    @Override
    public Object target() {
        return target;
    }

    /** The reference this proxy stands for, as it travels when the proxy is passed on (never from its sender). */
    public WireReference reference() {
        return new WireReference(service, objectId, endpoints, incarnation, false);
    }

    /** The lease this proxy holds on its object, or {@code null}. */
    public HeldLease lease() {
        return lease;
    }

    /**
     * The scope's deadline if one is set, else the method's {@code @Timeout}, else the Orb's default; on a thread
     * serving a call, never later than that call's caller's deadline (nested calls get at most the time left).
     */
    public static long deadline(MethodDescriptor method, long defaultTimeoutNanos) {
        if (CallScope.hasDeadline()) {
            // Already bounded by the served caller's deadline when the scope was entered.
            return CallScope.deadline();
        }
        long timeout = method.timeoutMillis() > 0 ? TimeUnit.MILLISECONDS.toNanos(method.timeoutMillis())
                : defaultTimeoutNanos;
        return CallScope.inherited(System.nanoTime() + timeout);
    }

    private long deadline(MethodDescriptor method) {
        return deadline(method, defaultTimeoutNanos);
    }

    private static Object targetOf(WireReference reference) {
        if (!reference.endpoints().isEmpty()) {
            return new RemoteRef(reference.service(), reference.objectId(), reference.endpoints(),
                    reference.incarnation());
        }
        return reference.fromSender() ? new WireReference(reference.service(), reference.objectId(), List.of(),
                reference.incarnation(), false) : reference;
    }
}
