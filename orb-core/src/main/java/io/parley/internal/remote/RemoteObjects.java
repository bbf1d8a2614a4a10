package io.parley.internal.remote;

import io.parley.Completion;
import io.parley.Endpoint;
import io.parley.ErrorCode;
import io.parley.OrbException;
import io.parley.RemoteRef;
import io.parley.internal.client.ClientCalls;
import io.parley.internal.client.Peer;
import io.parley.internal.client.RemoteInvoker;
import io.parley.internal.server.ExportTable;
import io.parley.internal.server.ServerDispatcher;
import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.codec.Codec;
import io.parley.spi.codec.WireReference;
import io.parley.spi.proxy.Invoker;
import io.parley.spi.proxy.ProxyFactory;
import io.parley.spi.proxy.RemoteProxy;
import io.parley.spi.transport.Connection;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Pass by reference for one Orb: turns servants and proxies into references as they go out over a connection, and
 * references back into proxies (or this Orb's own servants) as they come in; knows the {@link Peer} of every
 * connection; owns the lease table (objects exported implicitly), the holder's leases ({@link Holdings}) and the
 * collocated connection.
 *
 * <p>Rules, in the order they are tried:
 * <ul>
 * <li>Writing a proxy: its reference as it is (a proxy passed on is never wrapped), unless it is a proxy of one of
 *     this Orb's objects, which goes out as that object.</li>
 * <li>Writing a servant: the id it was exported under, or an implicit transient export (the same servant gets the
 *     same id while exported) leased to the connection's peer; marked {@code fromSender}, so that the receiver
 *     calls back over this very connection.</li>
 * <li>Reading a reference to an object of this Orb (same incarnation, still exported): the servant itself.</li>
 * <li>Reading any other: a proxy. When the sender owns the object, the proxy calls over the connection the
 *     reference came on (falling back to the endpoints once it is gone), and the owner has counted its lease;
 *     otherwise it calls over a connection already open to the owner, or its endpoints, and announces itself to the
 *     owner (retain).</li>
 * </ul>
 */
public final class RemoteObjects {
    private final long incarnation;
    private final Codec codec;
    private final ExportTable exports;
    private final ProxyFactory proxies;
    private final long defaultTimeoutNanos;
    private final Supplier<List<Endpoint>> endpoints;
    private final Function<Class<?>, List<InterfaceDescriptor>> remoteInterfaces;
    private final RemoteObjectSettings settings;
    private final LeaseTable leases;
    private final Holdings holdings;
    private final ClientCalls calls;
    private final ConcurrentMap<Connection, Peer> peers = new ConcurrentHashMap<>();
    /** An open connection to the owner of each incarnation that sent references of its own: where to call it. */
    private final ConcurrentMap<Long, Peer> owners = new ConcurrentHashMap<>();
    private final LocalConnection[] local;
    private final Peer localPeer;
    private volatile ServerDispatcher dispatcher;

    /**
     * @param endpoints        where this Orb listens now: empty until (and unless) it listens
     * @param remoteInterfaces the validated remote interfaces of a servant class, most specific first
     */
    public RemoteObjects(long incarnation, Codec codec, ExportTable exports, ProxyFactory proxies, ClientCalls calls,
            Executor executor, ScheduledExecutorService timer, long defaultTimeoutNanos, long connectTimeoutNanos,
            Supplier<List<Endpoint>> endpoints, Function<Class<?>, List<InterfaceDescriptor>> remoteInterfaces,
            Supplier<String> newId, RemoteObjectSettings settings, String orbName) {
        this.incarnation = incarnation;
        this.codec = codec;
        this.exports = exports;
        this.proxies = proxies;
        this.calls = calls;
        this.defaultTimeoutNanos = defaultTimeoutNanos;
        this.endpoints = endpoints;
        this.remoteInterfaces = remoteInterfaces;
        this.settings = settings;
        this.leases = new LeaseTable(exports, newId, settings, timer, executor, orbName);
        this.holdings = new Holdings(executor, timer, calls, connectTimeoutNanos, orbName);
        exports.add(Leases.OBJECT_ID, new LeaseServant(leases), true, List.of(InterfaceDescriptor.of(Leases.class)));
        this.local = LocalConnection.pair(orbName, executor);
        this.localPeer = Peer.local(local[0], this);
        calls.remoteObjects(this);
    }

    /** Starts serving calls that come in over connections this Orb opened, and collocated calls. */
    public void serveWith(ServerDispatcher serverDispatcher) {
        this.dispatcher = serverDispatcher;
        local[0].receiver(serverDispatcher);
        local[1].receiver(localPeer.handler());
        peers.put(local[1], localPeer);
        serverDispatcher.remoteObjects(this);
    }

    public Codec codec() {
        return codec;
    }

    // ---- Connections and their peers -------------------------------------------------------------------------

    /** Records the peer of a connection this Orb opened (or the collocated one). */
    public void register(Connection connection, Peer peer) {
        if (connection != null) {
            peers.put(connection, peer);
        }
    }

    /** A connection was accepted: its peer may receive callbacks and send replies to them. */
    public void accepted(Connection connection) {
        if (!peers.containsKey(connection)) {
            Peer.accepted(connection, this); // registers itself (onOpen runs once per connection)
        }
    }

    /** The peer of a connection, or {@code null} for one this Orb does not know. */
    public Peer peerOf(Connection connection) {
        return peers.get(connection);
    }

    /** An accepted connection closed: the calls made over it fail, and its leases end. */
    public void closed(Connection connection, Throwable cause) {
        Peer peer = peers.get(connection);
        if (peer != null) {
            peer.handler().onClose(connection, cause); // fails the callbacks in flight, then peerClosed
        }
    }

    /**
     * Whether a connection must stay open although no call uses it: its peer holds leases on objects of this Orb,
     * may call back objects that went out over it, or owns objects this Orb calls over it.
     */
    public boolean inUse(Connection connection) {
        Peer peer = peers.get(connection);
        return peer != null && (peer.mayCallBack() || peer.routesProxies() || leasedTo(peer));
    }

    private boolean leasedTo(Peer peer) {
        synchronized (leases) {
            return !peer.leased().isEmpty();
        }
    }

    /** A call arrived over a connection this Orb opened (a callback): the dispatcher serves it. */
    public void serve(Connection connection, ByteBuffer frame) {
        ServerDispatcher current = dispatcher;
        if (current == null) {
            throw new IllegalStateException("a call arrived before the Orb could serve: " + connection);
        }
        current.onFrame(connection, frame);
    }

    /** A connection's peer is gone: its leases end, and proxies routed over it fall back to endpoints. */
    public void peerClosed(Peer peer) {
        Connection connection = peer.connection();
        if (connection != null) {
            peers.remove(connection, peer);
        }
        owners.values().removeIf(owner -> owner == peer);
        leases.peerClosed(peer);
    }

    // ---- References ------------------------------------------------------------------------------------------

    /** The wire form of a servant or proxy going out to {@code peer}. */
    public WireReference write(Object object, Class<?> iface, Peer peer) {
        InterfaceDescriptor declared = InterfaceDescriptor.of(iface);
        if (object instanceof RemoteProxy proxy) {
            Invoker invoker = proxy.parleyInvoker();
            if (!(invoker instanceof RemoteInvoker remote)) {
                throw new OrbException(ErrorCode.INVALID_DATA, Completion.NO, "cannot pass " + invoker.target()
                        + " by reference: only proxies of references (Orb.connect with a reference, or received "
                        + "ones) travel; a name-bound proxy or one of a plain Thrift server does not");
            }
            WireReference reference = remote.reference();
            if (reference.incarnation() != incarnation) {
                return reference;
            }
            // A proxy of an object of this Orb: it goes out as that object.
            boolean leased = leases.isLeased(reference.objectId());
            if (leased) {
                leases.lease(reference.objectId(), peer);
            }
            return own(reference.service(), reference.objectId(), peer, leased);
        }
        String id = exports.idOf(object);
        boolean leased = id == null || leases.isLeased(id);
        if (leased) {
            id = leases.lease(object, remoteInterfaces.apply(object.getClass()), peer);
        }
        return own(declared.serviceName(), id, peer, leased);
    }

    /** A leased object can be called back while the peer holds its lease (the lease table tells the peer). */
    private WireReference own(String service, String objectId, Peer peer, boolean leased) {
        if (!leased && !peer.isLocal()) {
            peer.carriedExportedObject(); // the peer may call it back over this connection from now on
        }
        return new WireReference(service, objectId, endpoints.get(), incarnation, true);
    }

    /** The object a reference coming in from {@code peer} stands for. */
    public Object read(WireReference reference, Class<?> iface, Peer peer) {
        InterfaceDescriptor descriptor = InterfaceDescriptor.of(iface);
        if (reference.incarnation() == incarnation) {
            Object servant = exports.servantOf(reference.objectId());
            if (servant != null && iface.isInstance(servant)) {
                return servant; // back home: the object itself, not a proxy of it
            }
            // Unexported (its calls fail with OBJECT_NOT_FOUND), or serving iface only through another servant.
            return proxy(reference, descriptor, settings.collocation() ? localPeer : null, null);
        }
        if (reference.fromSender() && !peer.isLocal()) {
            owners.put(reference.incarnation(), peer);
            peer.routedProxy(); // an idle sweep must not cut the callbacks' route
            HeldLease lease = holdings.counted(reference.objectId(), peer);
            Object proxy = proxy(reference, descriptor, peer, lease);
            holdings.track(proxy, lease, peer, reference.endpoints());
            return proxy;
        }
        Peer owner = owners.get(reference.incarnation());
        Peer route = owner != null && owner.isOpen() ? owner : null;
        HeldLease lease = holdings.toRetain(reference.objectId());
        Object proxy = proxy(reference, descriptor, route, lease);
        holdings.track(proxy, lease, route, reference.endpoints());
        return proxy;
    }

    private Object proxy(WireReference reference, InterfaceDescriptor descriptor, Peer route, HeldLease lease) {
        RemoteInvoker invoker = new RemoteInvoker(reference, descriptor, calls, defaultTimeoutNanos, route, lease);
        return descriptor.type().cast(proxies.create(descriptor, invoker));
    }

    // ---- Proxies of this Orb's own objects, releases ---------------------------------------------------------

    /** The route of a proxy of {@code ref}: this Orb itself when it owns the object and collocation is on. */
    public Peer collocatedRoute(RemoteRef ref) {
        return settings.collocation() && ref.incarnation() == incarnation ? localPeer : null;
    }

    /**
     * Releases a proxy's lease now (see {@code Orb.release}).
     *
     * @return whether it held one
     */
    public boolean release(Object proxy) {
        if (proxy instanceof RemoteProxy remote && remote.parleyInvoker() instanceof RemoteInvoker invoker
                && invoker.lease() != null) {
            return invoker.lease().release();
        }
        return false;
    }

    /** The user unexported an object: if it was an implicit export, its leases no longer matter. */
    public void unexported(String objectId) {
        leases.forget(objectId);
    }

    /** How many objects are exported implicitly now. */
    public int implicitExports() {
        return leases.size();
    }

    /** The Orb closes: no more lease messages, no more collocated calls. */
    public void close() {
        holdings.close();
        local[0].shutdown();
    }
}
