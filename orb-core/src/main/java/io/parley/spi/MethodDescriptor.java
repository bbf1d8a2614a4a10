package io.parley.spi;

import java.lang.reflect.Method;
import java.util.List;

/**
 * One method of a remote interface, as every plugin sees it: its name on the wire, its parameters and result as
 * value types, its declared exceptions, and how it is called. Built and validated once by
 * {@link InterfaceDescriptor#of(Class)}.
 */
public final class MethodDescriptor {
    private final InterfaceDescriptor owner;
    private final int index;
    private final Method method;
    private final List<ParameterDescriptor> parameters;
    private final ValueType result;
    private final List<ExceptionDescriptor> exceptions;
    private final boolean async;
    private final boolean oneway;
    private final boolean idempotent;
    private final long timeoutMillis;

    MethodDescriptor(InterfaceDescriptor owner, int index, Method method, List<ParameterDescriptor> parameters,
            ValueType result, List<ExceptionDescriptor> exceptions, boolean async, boolean oneway,
            boolean idempotent, long timeoutMillis) {
        this.owner = owner;
        this.index = index;
        this.method = method;
        this.parameters = List.copyOf(parameters);
        this.result = result;
        this.exceptions = List.copyOf(exceptions);
        this.async = async;
        this.oneway = oneway;
        this.idempotent = idempotent;
        this.timeoutMillis = timeoutMillis;
    }

    /** The interface this method belongs to. */
    public InterfaceDescriptor owner() {
        return owner;
    }

    /** The position of this method in {@link InterfaceDescriptor#methods()}. */
    public int index() {
        return index;
    }

    /** The method's name, which is also its name on the wire. */
    public String name() {
        return method.getName();
    }

    /** The Java method of the remote interface. */
    public Method method() {
        return method;
    }

    /** The parameters, in declaration order. */
    public List<ParameterDescriptor> parameters() {
        return parameters;
    }

    /** The result type; for an asynchronous method the type inside the future; kind VOID for none. */
    public ValueType result() {
        return result;
    }

    /** The declared exceptions, in the order of the {@code throws} clause. */
    public List<ExceptionDescriptor> exceptions() {
        return exceptions;
    }

    /** The declared exception that {@code thrown} is an instance of, or {@code null} when it is undeclared. */
    public ExceptionDescriptor declared(Throwable thrown) {
        for (ExceptionDescriptor exception : exceptions) {
            if (exception.type().isInstance(thrown)) {
                return exception;
            }
        }
        return null;
    }

    /** Whether the method returns a {@code CompletableFuture}. */
    public boolean isAsync() {
        return async;
    }

    /** Whether the method is {@link io.parley.Oneway}. */
    public boolean isOneway() {
        return oneway;
    }

    /** Whether the method is {@link io.parley.Idempotent}. */
    public boolean isIdempotent() {
        return idempotent;
    }

    /** The method's default deadline from {@link io.parley.Timeout}, or 0 to use the Orb's default. */
    public long timeoutMillis() {
        return timeoutMillis;
    }

    @Override
    public String toString() {
        return owner.serviceName() + "." + name();
    }
}
