package io.parley.internal.naming;

import io.parley.Completion;
import io.parley.UnavailableException;
import io.parley.internal.client.ClientCalls;
import io.parley.internal.client.RemoteInvoker;
import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.proxy.Invoker;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The invoker behind a proxy from {@link io.parley.Naming#lookup}: for each call it picks a replica of the name,
 * calls it through {@link ClientCalls}, and on failure retries on another replica when {@link Failover} allows it.
 * The deadline is computed once per call and covers every attempt.
 *
 * <p>Threads: a synchronous call runs entirely on the caller's thread (the replica list is a volatile read). An
 * asynchronous call's retries are sent from the thread that completes the failed attempt (the Orb's executor).
 */
final class NameBoundInvoker implements Invoker {
    private final BoundName target;
    private final List<MethodDescriptor> methods;
    private final ReplicaSet replicas;
    private final ReplicaPicker picker;
    private final ClientCalls calls;
    private final long defaultTimeoutNanos;

    NameBoundInvoker(ReplicaSet replicas, InterfaceDescriptor iface, ReplicaPicker picker, ClientCalls calls,
            long defaultTimeoutNanos) {
        this.target = new BoundName(replicas.name(), iface.serviceName());
        this.methods = iface.methods();
        this.replicas = replicas;
        this.picker = picker;
        this.calls = calls;
        this.defaultTimeoutNanos = defaultTimeoutNanos;
    }

    @Override
    public Object invoke(int methodIndex, Object[] arguments) throws Throwable {
        MethodDescriptor method = methods.get(methodIndex);
        return attempt(method, arguments, RemoteInvoker.deadline(method, defaultTimeoutNanos), null, null);
    }

    @Override
    public Object target() {
        return target;
    }

    /**
     * One attempt and, for synchronous calls, the retries that follow it.
     *
     * @param tried       the replicas this call tried already, {@code null} for none
     * @param lastFailure the failure of the previous attempt, reported if no replica is left to try
     */
    private Object attempt(MethodDescriptor method, Object[] arguments, long deadlineNanos, ReplicaState[] tried,
            Throwable lastFailure) throws Throwable {
        while (true) {
            long now = System.nanoTime();
            ReplicaState replica = picker.pick(replicas.current(), tried, now);
            if (replica == null) {
                throw lastFailure != null ? lastFailure : noReplica(method);
            }
            replica.callStarted();
            Object result;
            try {
                result = calls.call(replica.ref(target.service()), method, arguments, deadlineNanos);
            } catch (Throwable failure) {
                replica.callEnded();
                ReplicaState[] triedNow = afterFailure(replica, failure, method, deadlineNanos, tried);
                if (triedNow == null) {
                    throw failure;
                }
                tried = triedNow;
                lastFailure = failure;
                continue;
            }
            if (method.isAsync()) {
                @SuppressWarnings("unchecked")
                CompletableFuture<Object> future = (CompletableFuture<Object>) result;
                return retryLater(future, replica, method, arguments, deadlineNanos, tried);
            }
            replica.callEnded();
            replica.succeeded();
            return result;
        }
    }

    /** An asynchronous call: when the attempt's future fails in a way that may be retried, retry on another replica. */
    @SuppressWarnings("unchecked")
    private CompletableFuture<Object> retryLater(CompletableFuture<Object> attempt, ReplicaState replica, MethodDescriptor method,
            Object[] arguments, long deadlineNanos, ReplicaState[] tried) {
        attempt.whenComplete((value, failure) -> {
            replica.callEnded();
            if (failure == null) {
                replica.succeeded();
            }
        });
        AtomicReference<CompletableFuture<Object>> inFlight = new AtomicReference<>(attempt);
        CompletableFuture<Object> outcome = attempt.exceptionallyCompose(wrapped -> {
            Throwable failure = unwrap(wrapped);
            ReplicaState[] triedNow = afterFailure(replica, failure, method, deadlineNanos, tried);
            if (triedNow == null) {
                return CompletableFuture.failedFuture(failure);
            }
            try {
                CompletableFuture<Object> retry = (CompletableFuture<Object>) attempt(method, arguments,
                        deadlineNanos, triedNow, failure);
                inFlight.set(retry);
                return retry;
            } catch (Throwable next) {
                return CompletableFuture.failedFuture(next);
            }
        });
        // Cancellation does not flow back through a dependent future by itself: pass it to the attempt in flight,
        // whose cancel then reaches its server.
        outcome.whenComplete((value, failure) -> {
            if (outcome.isCancelled()) {
                inFlight.get().cancel(false);
            }
        });
        return outcome;
    }

    /**
     * Books a failed attempt: marks an unreachable replica as skipped, and decides about a retry.
     *
     * @return the replicas tried so far when the call may be retried, else {@code null}
     */
    private static ReplicaState[] afterFailure(ReplicaState replica, Throwable failure, MethodDescriptor method,
            long deadlineNanos, ReplicaState[] tried) {
        long now = System.nanoTime();
        if (Failover.replicaUnreachable(failure)) {
            replica.failed(now);
        }
        int attempts = tried == null ? 1 : tried.length + 1;
        if (attempts >= Failover.MAX_ATTEMPTS || now - deadlineNanos >= 0 || !Failover.mayRetry(failure, method)) {
            return null;
        }
        ReplicaState[] triedNow = tried == null ? new ReplicaState[1] : Arrays.copyOf(tried, tried.length + 1);
        triedNow[triedNow.length - 1] = replica;
        return triedNow;
    }

    private UnavailableException noReplica(MethodDescriptor method) {
        return new UnavailableException(Completion.NO, "no replica is bound under the name '" + target.name()
                + "', so " + method + " was not sent; bind a servant under it, or check the name");
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
