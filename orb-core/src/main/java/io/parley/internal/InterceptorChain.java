package io.parley.internal;

import io.parley.CallContext;
import io.parley.Interceptor;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.ValueType;
import java.util.concurrent.CompletableFuture;

/**
 * The interceptors of one call and what runs after them, as in OkHttp's {@code RealInterceptorChain}: the chain
 * handed to interceptor {@code i} runs interceptor {@code i + 1} when it proceeds, the last one runs the
 * {@link Terminal} (send the call, or run the servant). It checks the contract: an interceptor proceeds at most once,
 * and its outcome fits the method (a future for an asynchronous method, a value for a primitive result); a breach is
 * an {@link IllegalStateException} naming the interceptor.
 *
 * <p>Threads: runs entirely on the thread that calls {@link #start}.
 */
public final class InterceptorChain implements Interceptor.Chain {

    /** What runs after the last interceptor. */
    @FunctionalInterface
    public interface Terminal {
        /** Sends the call or runs the servant with these arguments; returns its outcome. */
        Object call(Object[] arguments) throws Throwable;
    }

    private final Interceptor[] interceptors;
    private final String side;
    private final int next;
    private final DefaultCallContext context;
    private final Object[] arguments;
    private final Terminal terminal;
    private boolean proceeded;

    private InterceptorChain(Interceptor[] interceptors, String side, int next, DefaultCallContext context,
            Object[] arguments, Terminal terminal) {
        this.interceptors = interceptors;
        this.side = side;
        this.next = next;
        this.context = context;
        this.arguments = arguments;
        this.terminal = terminal;
    }

    /**
     * Runs the call through {@code interceptors}, the first outermost, then {@code terminal}.
     *
     * @param side "client" or "server", for error messages
     */
    public static Object start(Interceptor[] interceptors, String side, DefaultCallContext context, Object[] arguments,
            Terminal terminal) throws Throwable {
        return new InterceptorChain(interceptors, side, 0, context, arguments, terminal).proceed();
    }

    @Override
    public CallContext context() {
        return context;
    }

    @Override
    public Object[] arguments() {
        return arguments;
    }

    @Override
    public Object proceed() throws Throwable {
        if (proceeded) {
            throw new IllegalStateException(describe(next - 1) + " called proceed() more than once for "
                    + context.method() + "; an interceptor proceeds at most once per call");
        }
        proceeded = true;
        if (next == interceptors.length) {
            context.markTerminalReached();
            return terminal.call(arguments);
        }
        Interceptor interceptor = interceptors[next];
        Object outcome = interceptor.intercept(
                new InterceptorChain(interceptors, side, next + 1, context, arguments, terminal));
        checkOutcome(next, outcome);
        return outcome;
    }

    private void checkOutcome(int index, Object outcome) {
        MethodDescriptor method = context.method();
        if (method.isAsync()) {
            if (!(outcome instanceof CompletableFuture)) {
                throw new IllegalStateException(describe(index) + " returned " + outcome + " for " + method
                        + "; an asynchronous method's outcome is a CompletableFuture");
            }
        } else if (outcome == null && method.result().kind() != ValueType.Kind.VOID
                && method.method().getReturnType().isPrimitive()) {
            throw new IllegalStateException(describe(index) + " returned null for " + method
                    + ", whose result is a " + method.method().getReturnType() + "; return a value or throw");
        }
    }

    private String describe(int index) {
        return side + " interceptor " + (index + 1) + " of " + interceptors.length + " ("
                + interceptors[index].getClass().getName() + ")";
    }
}
