package io.parley.internal.client;

import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.proxy.Invoker;
import java.util.List;

/**
 * The invoker behind a proxy of a plain Thrift server ({@link ThriftServer}): the same deadlines and client call
 * path as {@link RemoteInvoker}, with the calls named and encoded the way such a server expects.
 */
public final class ThriftServerInvoker implements Invoker {
    private final ThriftServer server;
    private final String service;
    private final List<MethodDescriptor> methods;
    private final ClientCalls calls;
    private final long defaultTimeoutNanos;

    public ThriftServerInvoker(ThriftServer server, InterfaceDescriptor iface, ClientCalls calls,
            long defaultTimeoutNanos) {
        this.server = server;
        // What interceptors see as the service: the multiplexed name the server knows, else the interface's.
        this.service = server.service() != null ? server.service() : iface.serviceName();
        this.methods = iface.methods();
        this.calls = calls;
        this.defaultTimeoutNanos = defaultTimeoutNanos;
    }

    @Override
    public Object invoke(int methodIndex, Object[] arguments) throws Throwable {
        MethodDescriptor method = methods.get(methodIndex);
        return calls.call(server, service, method, arguments, RemoteInvoker.deadline(method, defaultTimeoutNanos));
    }

    @Override
    public Object target() {
        return server;
    }
}
