package io.parley.proxy;

import io.parley.spi.proxy.Invoker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** An invoker that records every call and answers with a preset result or failure. */
final class RecordingInvoker implements Invoker {

    /** One call as the invoker saw it. */
    record Call(int index, List<Object> arguments) {
    }

    private final Object target;
    private final List<Call> calls = new ArrayList<>();
    private Object result;
    private Throwable failure;

    RecordingInvoker(Object target) {
        this.target = target;
    }

    RecordingInvoker returns(Object value) {
        this.result = value;
        this.failure = null;
        return this;
    }

    RecordingInvoker throwing(Throwable thrown) {
        this.failure = thrown;
        return this;
    }

    @Override
    public Object invoke(int methodIndex, Object[] arguments) throws Throwable {
        // Arrays.asList of a copy: keeps nulls, and later changes to the caller's array cannot rewrite history.
        calls.add(new Call(methodIndex, Arrays.asList(arguments.clone())));
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    @Override
    public Object target() {
        return target;
    }

    List<Call> calls() {
        return calls;
    }

    Call lastCall() {
        if (calls.isEmpty()) {
            throw new AssertionError("the invoker was not called");
        }
        return calls.get(calls.size() - 1);
    }
}
