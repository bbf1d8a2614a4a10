package io.parley;

/** A running {@link Naming#watch}: closing it stops the listener's calls (one in progress may still finish). */
public interface NamingWatch extends AutoCloseable {

    /** Stops the watch. Idempotent. */
    @Override
    void close();
}
