package io.parley.spi.naming;

import io.parley.NameBinding;
import io.parley.NamingStatus;
import io.parley.NamingWatch;
import io.parley.Replica;
import java.util.List;

/**
 * A naming backend for one Orb: stores, for each name, one entry per process that binds it (a {@link Replica}: its
 * reference and metadata), and pushes changes to watchers. Entries belong to the process: they vanish when it
 * unbinds, closes or dies, and the backend restores them by itself after it lost and regained its connection or
 * session, for as long as they stay bound.
 *
 * <p>Names are validated by core before they reach a backend: segments of {@code [A-Za-z0-9._-]} separated by
 * {@code '/'}; {@code ""} is the root context.
 *
 * <p>Threads: every method may be called from any thread and may block the caller while the backend is unreachable,
 * bounded by the configured connect timeout (a retry or two of it), after which it fails with
 * {@link io.parley.UnavailableException} (completion NO). Watchers are called on
 * the backend's own naming thread (see {@link NameWatcher}). Implementations are thread-safe.
 */
public interface NameService extends AutoCloseable {

    /**
     * Binds this process under {@code name} with {@code replica} (whose id is this process's replica id), creating the
     * name and its contexts as needed.
     *
     * @param replace when true, replaces this process's existing entry and never fails because of other processes'
     *                entries; when false, fails if another process bound the name exclusively, or if
     *                {@code replica} is exclusive and another process bound the name at all
     * @throws io.parley.NameAlreadyBoundException on a conflict, naming the other process's reference
     */
    void bind(String name, Replica replica, boolean replace);

    /** Removes this process's entry under {@code name}; returns whether there was one. */
    boolean unbind(String name);

    /** Removes every entry of this process at once (the first step of a graceful close). */
    void unbindAll();

    /** The names directly under {@code context} with their replicas, sorted by name; empty when it does not exist. */
    List<NameBinding> list(String context);

    /** The replicas of {@code name}, read now (not from a cache), sorted by id; empty when it is not bound. */
    List<Replica> replicas(String name);

    /**
     * Watches {@code name}: its replicas and the names directly under it. {@code watcher} gets the first snapshot once
     * the watch has loaded, then one per (coalesced) change.
     *
     * @return the watch; closing it stops the calls
     */
    NamingWatch watch(String name, NameWatcher watcher);

    /** The connection state now; never blocks. */
    NamingStatus status();

    /** Removes this process's entries (if not done yet), stops every watch and disconnects. Idempotent. */
    @Override
    void close();
}
