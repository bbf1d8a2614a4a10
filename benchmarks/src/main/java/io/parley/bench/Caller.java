package io.parley.bench;

import java.io.IOException;

/**
 * One client thread's handle on a system under test. For RMI and Parley every caller wraps the same stub or proxy,
 * which is how applications call them; for the raw socket floor every caller owns a connection.
 */
public interface Caller extends AutoCloseable {

    /** A call of {@code int add(int a, int b)}. */
    int add(int a, int b) throws Exception;

    /** A call of {@code byte[] echo(byte[] payload)}. */
    byte[] echo(byte[] payload) throws Exception;

    /**
     * A call that passes this caller's listener (the same object on every call) by reference; the server calls it
     * back once with {@code value} and returns its answer, {@code ~value}. Only systems whose
     * {@link SystemUnderTest#supports} says so implement it.
     */
    default int callBack(int value) throws Exception {
        throw new UnsupportedOperationException("callbacks");
    }

    /** As {@link #callBack}, with a new listener object on every call (exported, leased and released per call). */
    default int callBackNew(int value) throws Exception {
        throw new UnsupportedOperationException("callbacks");
    }

    /** Releases what this caller alone owns (a raw connection); shared stubs and proxies stay open. */
    @Override
    default void close() throws IOException {
    }
}
