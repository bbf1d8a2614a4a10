package io.parley;

import java.util.List;

/**
 * The naming service of an {@link Orb}: hierarchical names ({@code bank/accounts/alice}) bound to exported objects,
 * kept in ZooKeeper. Each process that binds a name adds one replica of it; a name bound by several processes is a
 * replica group, and a proxy from {@link #lookup} spreads calls over its replicas and fails over between them.
 *
 * <p>A name is one or more segments separated by {@code '/'}, each made of letters, digits, {@code '.'}, {@code '_'}
 * and {@code '-'}; a context is a name or {@code ""} for the root. Bindings are the process's own: they disappear
 * when it unbinds, closes its Orb or dies, and come back by themselves after ZooKeeper loses and restores its session.
 *
 * <p>Get it with {@link Orb#naming()}. Methods other than {@link #lookup} and {@link #status()} talk to ZooKeeper on
 * the calling thread and fail with {@link UnavailableException} (completion NO) when it cannot be reached (after
 * about twice {@link NamingConfig#connectTimeout}). Thread-safe.
 */
public interface Naming {

    /**
     * Exports {@code servant} under {@code name} (its object id is the name) and binds this process under it,
     * exclusively: fails if another process has bound the name.
     *
     * @throws NameAlreadyBoundException when another process has bound the name, or this process bound it to
     *                                   something else (use {@link #rebind})
     * @throws OrbException              (INVALID_CONFIGURATION) when the name is invalid
     */
    RemoteRef bind(String name, Object servant);

    /** As {@link #bind(String, Object)}, with {@link BindOptions} (replicas allowed, metadata). */
    RemoteRef bind(String name, Object servant, BindOptions options);

    /**
     * Binds like {@link #bind(String, Object, BindOptions)} but replaces what this process had bound under the name
     * (servant, metadata, mode), and never fails because the name is bound: other processes' bindings are theirs
     * (they go when those processes unbind or die) and stay.
     */
    RemoteRef rebind(String name, Object servant, BindOptions options);

    /**
     * Removes this process's binding of {@code name}; the servant stays exported (use {@link Orb#unexport}).
     *
     * @return whether this process had bound the name
     */
    boolean unbind(String name);

    /**
     * The names directly under {@code context} ({@code ""} for the root), each with its current replicas (none for a
     * name that is only a context, or whose servers have all gone), sorted by name.
     */
    List<NameBinding> list(String context);

    /** The references currently bound under {@code name}, one per replica; empty when nothing is bound. */
    List<RemoteRef> resolve(String name);

    /** As {@link #lookup(String, Class, LoadBalancing)} with {@link LoadBalancing#ROUND_ROBIN}. */
    <T> T lookup(String name, Class<T> iface);

    /**
     * A proxy bound to the name, not to one server: it follows the replicas as they come and go (a watched cache),
     * picks one per call with {@code policy}, and fails over to another replica when that is safe: when the call
     * provably did not run (completion NO), or when the method is {@link Idempotent}. The proxy is cheap to keep and
     * share; proxies of one name share one watch.
     *
     * @throws UnavailableException (NO) when ZooKeeper cannot be reached to load the name's replicas
     */
    <T> T lookup(String name, Class<T> iface, LoadBalancing policy);

    /**
     * Watches the names directly under {@code context}: {@code listener} gets the current {@link #list} at once,
     * then again after every change (bursts of changes are coalesced into one call). It is called on the Orb's naming
     * thread, one call at a time, and must return quickly: it must not block or call ZooKeeper.
     *
     * @return a handle that stops the watch when closed
     */
    NamingWatch watch(String context, NamingListener listener);

    /** Whether ZooKeeper is reachable now; never blocks. */
    NamingStatus status();
}
