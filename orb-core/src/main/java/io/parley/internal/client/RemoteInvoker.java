package io.parley.internal.client;

import io.parley.RemoteRef;
import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.proxy.Invoker;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The invoker behind a proxy of a remote object: picks the call's deadline and hands the call to {@link ClientCalls}
 * (which runs the client interceptors). Runs on the caller's thread.
 */
public final class RemoteInvoker implements Invoker {
    private final RemoteRef ref;
    private final List<MethodDescriptor> methods;
    private final ClientCalls calls;
    private final long defaultTimeoutNanos;

    public RemoteInvoker(RemoteRef ref, InterfaceDescriptor iface, ClientCalls calls, long defaultTimeoutNanos) {
        this.ref = ref;
        this.methods = iface.methods();
        this.calls = calls;
        this.defaultTimeoutNanos = defaultTimeoutNanos;
    }

    @Override
    public Object invoke(int methodIndex, Object[] arguments) throws Throwable {
        MethodDescriptor method = methods.get(methodIndex);
        return calls.call(ref, method, arguments, deadline(method));
    }

    @Override
    public Object target() {
        return ref;
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
}
