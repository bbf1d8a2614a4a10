package io.parley.internal.client;

import io.parley.Endpoint;
import io.parley.internal.remote.RemoteObjects;
import io.parley.spi.codec.MessageType;
import io.parley.spi.codec.References;
import io.parley.spi.codec.WireReference;
import io.parley.spi.transport.Connection;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;

/**
 * The process at the other end of one connection, whichever side opened it: the calls this Orb makes over the
 * connection ({@link ClientConnection}: ordinary calls on a connection this Orb opened, callbacks on one it
 * accepted), and the references that crossed it. Every connection carries calls both ways, told apart by message
 * type: a callback to an object a client passed goes back over the client's own connection, so a client that
 * listens nowhere (behind NAT or a firewall) still receives it.
 *
 * <p>As the connection's {@link References}, a peer writes this Orb's servants as references it leases to the peer,
 * and reads references into proxies bound to this connection when the sender owns the object.
 *
 * <p>Thread-safe; the lease fields are guarded by the Orb's lease table.
 */
public final class Peer implements References {
    private final ClientConnection calls;
    private final RemoteObjects objects;
    private final boolean local;
    /**
     * Set once an object the user exported went out over the connection: the peer may call it back from then on.
     * Implicit exports (leased) count only while the peer holds a lease ({@link #holdsLeases}).
     */
    private volatile boolean carriedExport;
    /** Whether {@link #leased} is not empty, readable without the lease table's lock. */
    private volatile boolean holdsLeases;
    private volatile boolean routesProxies;
    /** Ids of this Orb's transient objects the peer holds leases on; guarded by the lease table. */
    private final Set<String> leased = new HashSet<>();

    Peer(ClientConnection calls, RemoteObjects objects, boolean local) {
        this.calls = calls;
        this.objects = objects;
        this.local = local;
    }

    /** A peer for a connection this Orb accepted: its callbacks go out through their own pending calls. */
    public static Peer accepted(Connection connection, RemoteObjects objects) {
        ClientConnection calls = new ClientConnection(callerEndpoint(connection), objects.codec());
        calls.attach(connection);
        return calls.bind(objects, false);
    }

    /** The peer of a collocated connection: this Orb calling itself. */
    public static Peer local(Connection connection, RemoteObjects objects) {
        ClientConnection calls = new ClientConnection(new Endpoint("local", "this-orb", 1), objects.codec());
        calls.attach(connection);
        return calls.bind(objects, true);
    }

    /** The frame handler of the connection's replies and, for connections this Orb opened, of its calls. */
    public io.parley.spi.transport.FrameHandler handler() {
        return calls;
    }

    /** The calls this Orb makes over the connection. */
    ClientConnection calls() {
        return calls;
    }

    /** The connection, or {@code null} before it opened. */
    public Connection connection() {
        return calls.connection();
    }

    /** Whether the connection is open. */
    public boolean isOpen() {
        return calls.isOpen();
    }

    /** Whether this is the Orb calling itself (collocation). */
    public boolean isLocal() {
        return local;
    }

    /**
     * Whether the peer may call this Orb over the connection: an object the user exported went out over it, or the
     * peer holds leases on implicit exports (callbacks passed to it). Once the peer released them all, it can call
     * none of them: the transports then need not keep reading an idle connection for it.
     */
    public boolean mayCallBack() {
        return carriedExport || holdsLeases;
    }

    /** Marks that an object the user exported went out over the connection. */
    public void carriedExportedObject() {
        carriedExport = true;
    }

    /** The peer took a lease on {@code objectId}. Lease table, with its lock held. */
    public void leaseTaken(String objectId) {
        leased.add(objectId);
        holdsLeases = true;
    }

    /** The peer's lease on {@code objectId} ended. Lease table, with its lock held. */
    public void leaseEnded(String objectId) {
        leased.remove(objectId);
        holdsLeases = !leased.isEmpty();
    }

    /** Every lease of the peer ended. Lease table, with its lock held. */
    public void leasesEnded() {
        leased.clear();
        holdsLeases = false;
    }

    /** Whether proxies of this Orb call the peer's objects over this connection (their only route, maybe). */
    public boolean routesProxies() {
        return routesProxies;
    }

    /** Marks that a proxy of this Orb calls an object of the peer over the connection. */
    public void routedProxy() {
        routesProxies = true;
    }

    /**
     * The lease table's per-peer record, to read; guarded by the lease table, which changes it only through
     * {@link #leaseTaken}, {@link #leaseEnded} and {@link #leasesEnded} (they keep {@link #holdsLeases} with it).
     */
    public Set<String> leased() {
        return leased;
    }

    /**
     * If {@code frame} is a reply (to a call this Orb made over the connection), handles it and returns {@code true};
     * a call returns {@code false}, for the dispatcher.
     */
    public boolean tookReply(Connection from, ByteBuffer frame) {
        MessageType type = objects.codec().messageType(frame);
        if (type == MessageType.REPLY || type == MessageType.EXCEPTION) {
            calls.onReply(from, frame);
            return true;
        }
        return false;
    }

    /** A call arrived on a connection this Orb opened: served like any call. */
    void onCall(Connection from, ByteBuffer frame) {
        objects.serve(from, frame);
    }

    /** The connection closed: its leases end and the calls made over it fail. */
    void closed() {
        objects.peerClosed(this);
    }

    @Override
    public WireReference write(Object object, Class<?> iface) {
        return objects.write(object, iface, this);
    }

    @Override
    public Object read(WireReference reference, Class<?> iface) {
        return objects.read(reference, iface, this);
    }

    /** The peer's address, for messages. */
    public String name() {
        if (local) {
            return "this Orb (collocated)";
        }
        Connection connection = calls.connection();
        return connection == null ? "a connection not yet open" : connection.remoteAddress();
    }

    /** The caller's address as an endpoint, for the messages of callbacks made over its connection. */
    private static Endpoint callerEndpoint(Connection connection) {
        String address = connection.remoteAddress();
        int colon = address == null ? -1 : address.lastIndexOf(':');
        try {
            String host = address.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return Endpoint.tcp(host, Integer.parseInt(address.substring(colon + 1)));
        } catch (RuntimeException e) {
            // Not host:port (a shared-memory peer): only used in messages.
            return new Endpoint("caller", String.valueOf(address).isEmpty() ? "unknown" : String.valueOf(address), 1);
        }
    }

    @Override
    public String toString() {
        return "peer " + name();
    }
}
