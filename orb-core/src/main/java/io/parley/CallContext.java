package io.parley;

import io.parley.internal.client.CallScope;
import io.parley.spi.MethodDescriptor;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One remote call as interceptors and servants see it: its target, method, deadline, peer and metadata.
 *
 * <p><b>Metadata</b> is a map of string keys to {@code String} or {@code byte[]} values. Set on the client (by a
 * client interceptor), it travels with the call, invisible to standard Thrift peers, and the server's context
 * exposes it, to server interceptors and to the servant through {@link #current()}.
 *
 * <p><b>Propagation</b>: metadata a server received is not passed on by itself. Keys marked with
 * {@link #propagate(String...)} (or all of them, {@link #propagateAll()}) on the server's context are copied into
 * every remote call the servant makes on its thread while it serves this call; a server interceptor that calls
 * {@code propagateAll()} makes that the rule of an Orb. The deadline always propagates: a call made while serving
 * gets at most the time the caller has left.
 *
 * <p>Threads: a context belongs to one call and is not thread-safe; use it on the thread that runs the
 * interceptors and the servant.
 */
public interface CallContext {

    /** Which side of the call this context is on. */
    enum Side {
        /** The calling process: client interceptors. */
        CLIENT,
        /** The serving process: server interceptors and the servant. */
        SERVER
    }

    /**
     * The context of the call being served on this thread (in a servant method or a server interceptor), or
     * {@code null} when this thread serves no call.
     */
    static CallContext current() {
        return CallScope.servedContext();
    }

    /**
     * Server: who makes the call, as the Orb's {@link Authenticator} established it; empty on the client, and on a
     * server without an authenticator.
     */
    default Optional<Identity> identity() {
        return Optional.empty();
    }

    /** Whether this is the client's or the server's view of the call. */
    Side side();

    /** The method called. */
    MethodDescriptor method();

    /** The target's service name (the remote interface's). */
    String service();

    /** The target's object id. */
    String objectId();

    /**
     * The other side: on the server the caller's remote address (as the transport reports it), on the client the
     * reference called.
     */
    String peer();

    /**
     * The time left until the call's deadline (negative once passed), or empty when the call has none: a call
     * from a standard Thrift client, which sends no deadline.
     */
    Optional<Duration> timeRemaining();

    /** The deadline in {@link System#nanoTime()} units; only meaningful when {@link #timeRemaining()} is present. */
    long deadlineNanos();

    /**
     * Server: whether the caller no longer waits for this call's answer, because it cancelled the call (cancelled
     * the future of an asynchronous call, or its thread was interrupted while waiting) or the call's deadline has
     * passed. A servant doing long work may check it and stop early: its answer will not be read, and a cancelled
     * call's answer is not even sent. Cancellation is best effort: it can arrive after the servant finished, and
     * calls from standard Thrift clients (no deadline) are never cancelled. Unlike the rest of the context, this
     * may be asked from any thread. Always {@code false} on the client.
     */
    default boolean isCancelled() {
        return false;
    }

    /** The metadata, read-only: keys to {@code String} or {@code byte[]} values. */
    Map<String, Object> metadata();

    /** The string value of {@code key}, or {@code null} when absent or binary. */
    String get(String key);

    /** The binary value of {@code key}, or {@code null} when absent or a string. */
    byte[] getBytes(String key);

    /**
     * Sets a string value. On the client it travels with the call (set it before {@link Interceptor.Chain#proceed()});
     * on the server it is seen by the interceptors after this one and by the servant.
     *
     * @throws IllegalArgumentException when the key is empty
     */
    CallContext put(String key, String value);

    /** Sets a binary value; see {@link #put(String, String)}. The array is not copied. */
    CallContext put(String key, byte[] value);

    /** Removes a key; returns this. */
    CallContext remove(String key);

    /** Server: copies these keys into the remote calls made while serving this call (see the class comment). */
    CallContext propagate(String... keys);

    /** Server: copies every key into the remote calls made while serving this call. */
    CallContext propagateAll();
}
