package io.parley;

/**
 * Code run around every remote call: on the client before the call is encoded and sent, on the server before the
 * servant runs. Register interceptors with {@link Orb.Builder#clientInterceptor} and
 * {@link Orb.Builder#serverInterceptor}; they run in the order registered, the first registered outermost.
 *
 * <pre>{@code
 * Orb orb = Orb.builder()
 *         .clientInterceptor(chain -> {
 *             chain.context().put("tenant", "acme");           // travels to the server as call metadata
 *             return chain.proceed();
 *         })
 *         .serverInterceptor(chain -> {
 *             if (chain.context().get("tenant") == null) {
 *                 throw new OrbException(ErrorCode.UNAUTHORIZED, Completion.NO, "no tenant");   // short-circuit
 *             }
 *             return chain.proceed();
 *         })
 *         .build();
 * }</pre>
 *
 * <p>An interceptor calls {@link Chain#proceed()} at most once; it may instead return a value or throw without
 * proceeding (a cache, an authorization check), and it sees the outcome of the call (the result returned by
 * {@code proceed()} or the exception it throws). For an asynchronous method the outcome is the
 * {@link java.util.concurrent.CompletableFuture}, and an interceptor that short-circuits returns one.
 *
 * <p>Threads: a client interceptor runs on the calling thread (for failover through naming, once per attempt, on
 * the thread that starts the attempt); a server interceptor runs on the thread that runs the servant (the Orb's
 * executor, or the I/O thread for {@link NonBlocking} methods). Interceptors are shared by every call, so they must
 * be thread-safe; the {@link CallContext} is the call's own.
 */
@FunctionalInterface
public interface Interceptor {

    /**
     * Handles one call: usually adds to or reads the context, then returns {@code chain.proceed()}.
     *
     * @return the call's result (boxed; {@code null} for void), or the future of an asynchronous method
     * @throws Throwable the call's failure, as the caller should see it (a declared exception, an
     *                   {@link OrbException})
     */
    Object intercept(Chain chain) throws Throwable;

    /** The rest of the call, as seen by one interceptor. */
    interface Chain {

        /** The call's context: target, method, deadline, peer and metadata. */
        CallContext context();

        /**
         * The call's arguments, one per parameter. The array itself: elements replaced before {@link #proceed()}
         * are what the next interceptor, and in the end the servant or the wire, gets.
         */
        Object[] arguments();

        /**
         * Runs the next interceptor, or at the end of the chain sends the call (client) or runs the servant
         * (server), and returns its outcome.
         *
         * @throws IllegalStateException when this interceptor has proceeded already
         * @throws Throwable             the failure of the rest of the call
         */
        Object proceed() throws Throwable;
    }
}
