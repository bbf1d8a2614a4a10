package io.parley;

import io.parley.internal.DefaultOrb;
import io.parley.internal.security.AccessControl;
import io.parley.internal.security.BearerToken;
import io.parley.internal.OrbLimits;
import io.parley.internal.OrbSettings;
import io.parley.internal.remote.RemoteObjectSettings;
import io.parley.spi.codec.CodecProvider;
import io.parley.spi.codec.CodecSettings;
import io.parley.spi.proxy.ProxyFactory;
import io.parley.spi.transport.TransportProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The runtime of Parley in one process: it exports servants so that other processes can call them, and connects to
 * the servants of other processes. Usually one per process.
 *
 * <pre>{@code
 * // server
 * Orb orb = Orb.builder().port(7000).build();
 * RemoteRef ref = orb.export(new CalculatorImpl());     // @Export("calc") on the class names it
 *
 * // client, in another process
 * Orb client = Orb.builder().build();
 * Calculator calc = client.connect("parley://127.0.0.1:7000/Calculator/calc", Calculator.class);
 * int three = calc.add(1, 2);
 * }</pre>
 *
 * <p>Plugins (the Thrift codec, the Netty transport, the Byte Buddy proxies) are found on the class path with
 * {@link java.util.ServiceLoader}; the {@code io.parley:parley} artifact brings all of them. An Orb is thread-safe.
 */
public interface Orb extends AutoCloseable {

    /** A builder with the defaults described on its methods. */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Exports a servant. When its class is annotated {@link Export}, the servant is exported under that name (its
     * object id is the name); otherwise under a fresh transient id. The servant implements exactly one
     * {@link Remote} interface (or use {@link #export(String, Object)} for servants implementing several: every
     * remote interface is served, the reference names the first).
     *
     * @return the reference to give to callers
     * @throws InvalidRemoteInterfaceException when the servant's remote interface breaks the rules
     * @throws OrbException (INVALID_CONFIGURATION) when the name is taken or invalid, or the servant implements no
     *                      remote interface
     */
    RemoteRef export(Object servant);

    /** Exports a servant under {@code name} (segments of letters, digits, '.', '_', '-' separated by '/'). */
    RemoteRef export(String name, Object servant);

    /** Stops serving the object of {@code ref}; calls in flight finish. Returns whether it was exported. */
    boolean unexport(RemoteRef ref);

    /** Stops serving {@code servant} under every id it was exported with. Returns whether it was exported. */
    boolean unexport(Object servant);

    /**
     * A proxy that calls the object of {@code ref}. Connections are opened on the first call and shared by every
     * proxy of this Orb that reaches the same endpoint.
     *
     * @throws InvalidRemoteInterfaceException when {@code iface} breaks the rules of {@link Remote}
     * @throws OrbException (INVALID_CONFIGURATION) when {@code ref} serves another interface
     */
    <T> T connect(RemoteRef ref, Class<T> iface);

    /**
     * A proxy for the reference in string form ({@link RemoteRef#toString()}), or for a plain Thrift server (not a
     * Parley Orb): {@code thrift://host:port?service=Name} for one multiplexed with {@code TMultiplexedProcessor}
     * (calls are named {@code Name:method}), {@code thrift://host:port} for one that is not (bare method names).
     * Compact protocol unless {@code &protocol=binary} ({@code ?protocol=binary} without {@code service});
     * framed transport only. Such a proxy has the deadlines, interceptors and shared connections of any other; the
     * server's {@code TApplicationException}s map to {@link OrbException}s (an unknown method is a
     * {@link MethodNotFoundException}).
     *
     * @throws OrbException (INVALID_CONFIGURATION) when {@code ref} is malformed, or a Thrift server is named and
     *                      this Orb's codec is not Thrift
     */
    <T> T connect(String ref, Class<T> iface);

    /**
     * The TCP endpoint this Orb serves on, once something has been exported (the listener starts then). References
     * also list the shared-memory endpoint when this Orb serves on one ({@link Builder#sharedMemory}).
     */
    Optional<Endpoint> endpoint();

    /**
     * This Orb's naming service: bind servants under hierarchical names, look names up as proxies that balance and
     * fail over over the replicas, watch contexts. Kept in ZooKeeper: the ensemble of {@link Builder#naming}, or by
     * default the embedded one ({@link NamingConfig#embedded()}). The first call activates naming: from then on,
     * {@link Export}-annotated servants are bound (as replicas) when exported, including those exported before. An Orb
     * that never calls this and has no naming configured never connects to ZooKeeper.
     *
     * @throws UnavailableException (NO) when {@code @Export} servants must be bound now and ZooKeeper cannot be reached
     */
    Naming naming();

    /**
     * Releases a proxy that this Orb made from a reference it received (an argument, result, record field or
     * collection element of a remote call): its object's owner stops counting this proxy as a holder, and once no
     * holder is left, unexports the object (see {@link Unreferenced}). A proxy that is garbage collected is released
     * the same way, later; releasing explicitly frees the owner's object sooner and deterministically. Calls on a
     * released proxy fail ({@link OrbException}, INVALID_CONFIGURATION). Proxies made with {@link #connect} hold no
     * lease: for them (and for anything that is not a proxy) this does nothing.
     *
     * @return whether {@code proxy} held a lease, released now
     */
    boolean release(Object proxy);

    /**
     * How many objects this Orb serves now: those exported explicitly, and those exported implicitly because they
     * were passed by reference and are still held somewhere. For operations and tests (a count that only grows
     * shows references that are never released).
     */
    int exportCount();

    /**
     * Shuts down gracefully: first unbinds this process's names (so name-bound proxies elsewhere move to other
     * replicas), then stops accepting calls (new ones are refused with {@link UnavailableException},
     * completion NO), waits up to the shutdown timeout for the calls in flight to finish and their answers to be
     * sent, then closes connections and threads. Calls this Orb made that are still waiting fail with
     * {@link UnavailableException}. Idempotent.
     */
    @Override
    void close();

    /** Configuration of an {@link Orb}. Every setting has a default; {@link #build()} checks them all. */
    final class Builder {
        String name = "parley";
        String host = "127.0.0.1";
        String advertisedHost;
        int port;
        Duration defaultTimeout = Duration.ofSeconds(10);
        Duration shutdownTimeout = Duration.ofSeconds(10);
        Duration connectTimeout = Duration.ofSeconds(5);
        int maxFrameBytes = 16 * 1024 * 1024;
        int ioThreads;
        CodecSettings codecSettings = CodecSettings.defaults();
        ExecutorService executor;
        TransportProvider transport;
        CodecProvider codec;
        ProxyFactory proxyFactory;
        NamingConfig naming;
        boolean sharedMemory = true;
        TransportProvider sharedMemoryTransport;
        TlsConfig tls;
        final List<Interceptor> clientInterceptors = new ArrayList<>();
        Authenticator authenticator;
        AccessPolicy accessPolicy;
        Supplier<String> bearerToken;
        final List<Interceptor> serverInterceptors = new ArrayList<>();
        int maxCalls = OrbLimits.DEFAULT_MAX_CALLS;
        int maxCallsPerConnection = OrbLimits.DEFAULT_MAX_CALLS_PER_CONNECTION;
        int maxPendingCalls = OrbLimits.DEFAULT_MAX_CALLS;
        int maxPendingCallsPerConnection = OrbLimits.DEFAULT_MAX_CALLS_PER_CONNECTION;
        long maxQueuedBytesPerConnection;
        Duration idleTimeout = OrbLimits.DEFAULT_IDLE_TIMEOUT;
        Duration keepAliveInterval = OrbLimits.DEFAULT_KEEP_ALIVE_INTERVAL;
        // Pass by reference (RemoteObjectSettings)
        Duration leaseTime = RemoteObjectSettings.defaults().leaseTime();
        int maxExportsPerPeer = RemoteObjectSettings.defaults().maxExportsPerPeer();
        boolean collocation = true;

        Builder() {
        }

        /** A name for this Orb's threads and log lines; default {@code "parley"}. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * The address to listen on; default {@code 127.0.0.1}, reachable from this host only. Use {@code 0.0.0.0}
         * (with {@link #advertisedHost}) to serve other hosts.
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The host name put into references; default: the listening host ({@code 127.0.0.1}). */
        public Builder advertisedHost(String advertisedHost) {
            this.advertisedHost = Objects.requireNonNull(advertisedHost, "advertisedHost");
            return this;
        }

        /** The port to listen on; default 0, a free port chosen when the first servant is exported. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The deadline of calls that set none ({@link Timeout}, {@link Calls#withTimeout}); default 10 s. */
        public Builder defaultTimeout(Duration timeout) {
            this.defaultTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How long {@link Orb#close()} waits for calls in flight; default 10 s. */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How long opening a connection may take; default 5 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The largest message sent or accepted, in bytes; default 16 MiB (Thrift's default frame size). */
        public Builder maxMessageBytes(int bytes) {
            this.maxFrameBytes = bytes;
            return this;
        }

        /** Limits on strings, containers and nesting in received messages; default {@link CodecSettings#defaults()}. */
        public Builder codecSettings(CodecSettings settings) {
            this.codecSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** I/O threads of the transport; default 0, the transport's choice. */
        public Builder ioThreads(int threads) {
            this.ioThreads = threads;
            return this;
        }

        /**
         * The executor that runs servant methods (except {@link NonBlocking} ones) and completes asynchronous calls.
         * Default: virtual threads on JDK 21 and later, otherwise a bounded pool. The Orb does not shut down an
         * executor given here.
         */
        public Builder executor(ExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** The transport; default: the {@code "tcp"} provider found on the class path. */
        public Builder transport(TransportProvider transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** The codec; default: the {@code "thrift"} provider found on the class path. */
        public Builder codec(CodecProvider codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /** The proxy factory; default: the one found on the class path. */
        public Builder proxyFactory(ProxyFactory proxyFactory) {
            this.proxyFactory = Objects.requireNonNull(proxyFactory, "proxyFactory");
            return this;
        }

        /**
         * Where names are kept ({@link NamingConfig#ensemble} or {@link NamingConfig#embedded}), and naming active
         * from the start: {@link Export}-annotated servants are bound when exported. Default: none, naming starts at
         * the first {@link Orb#naming()} call, on the embedded ZooKeeper. Nothing connects before naming is needed.
         */
        public Builder naming(NamingConfig config) {
            this.naming = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Adds an interceptor around every call this Orb makes; they run in the order added, the first outermost,
         * on the calling thread. See {@link Interceptor}.
         */
        public Builder clientInterceptor(Interceptor interceptor) {
            clientInterceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /**
         * Adds an interceptor around every call this Orb serves; they run in the order added, the first outermost,
         * on the thread that runs the servant. See {@link Interceptor}.
         */
        public Builder serverInterceptor(Interceptor interceptor) {
            serverInterceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /**
         * Authenticates every call this Orb serves (see {@link Authenticator}): a call that proves no identity, that
         * lacks a role {@link Allowed} requires, or that the {@link #accessPolicy} refuses, gets
         * {@link ErrorCode#UNAUTHORIZED} (completion NO) before any server interceptor or servant runs, and is
         * logged. Default: none, every call is served (and {@link Allowed} is not enforced).
         */
        public Builder authenticator(Authenticator authenticator) {
            this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
            return this;
        }

        /** Who may call what, decided per call after authentication; needs an {@link #authenticator}. */
        public Builder accessPolicy(AccessPolicy policy) {
            this.accessPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * A bearer token that every call this Orb makes carries (metadata {@link Credentials#AUTHORIZATION}), asked
         * from {@code token} at each call so that it can be refreshed; for servers with
         * {@link Authenticator#bearerToken}. Send tokens over TLS only: anyone who reads one can use it.
         */
        public Builder bearerToken(Supplier<String> token) {
            this.bearerToken = Objects.requireNonNull(token, "token");
            return this;
        }

        /**
         * Whether to use shared memory between processes of this host; default {@code true}, effective when the
         * {@code "shm"} transport ({@code io.parley:parley-transport-shm}, part of {@code io.parley:parley}) is on the
         * class path. When on, an Orb that exports also listens on shared memory, and its references carry that
         * endpoint beside the TCP one; calls to a reference of this host (same host identity) go through shared
         * memory, and fall back to TCP, with one log line saying why, when shared memory fails. {@code false}: TCP
         * only, serving and calling.
         */
        public Builder sharedMemory(boolean enabled) {
            this.sharedMemory = enabled;
            return this;
        }

        /**
         * The shared-memory transport (for example one with its own {@code ShmSettings}); default: the {@code "shm"}
         * provider found on the class path. Used only when {@link #sharedMemory} is on.
         */
        public Builder sharedMemoryTransport(TransportProvider transport) {
            this.sharedMemoryTransport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * How many calls this Orb serves at once, from all connections: running, waiting for a servant thread, or an
         * asynchronous servant's future not yet complete; default 10 000. A call beyond it is answered at once with
         * {@link ErrorCode#RESOURCE_EXHAUSTED} (completion NO) and its servant does not run; a oneway call beyond it
         * is dropped (logged at most every 10 s). See {@code SECURITY.md}, "Overload and limits".
         */
        public Builder maxCalls(int calls) {
            this.maxCalls = calls;
            return this;
        }

        /** As {@link #maxCalls}, for the calls of one connection; default 1 000. */
        public Builder maxCallsPerConnection(int calls) {
            this.maxCallsPerConnection = calls;
            return this;
        }

        /**
         * How many calls this Orb makes that may await their replies at once, on all connections (asynchronous
         * calls pile up here); default 10 000. A call beyond it fails at once with
         * {@link ErrorCode#RESOURCE_EXHAUSTED} (completion NO), without being sent.
         */
        public Builder maxPendingCalls(int calls) {
            this.maxPendingCalls = calls;
            return this;
        }

        /** As {@link #maxPendingCalls}, on one connection; default 1 000, the server's default per connection. */
        public Builder maxPendingCallsPerConnection(int calls) {
            this.maxPendingCallsPerConnection = calls;
            return this;
        }

        /**
         * How many bytes sent on one connection may wait for the peer to take them; default: twice
         * {@link #maxMessageBytes} (32 MiB). A peer that stops reading cannot grow this process's memory beyond it: a
         * call that would go over fails with {@link ErrorCode#RESOURCE_EXHAUSTED} (completion NO), and a server
         * whose answers cannot be queued closes that connection. At least {@code maxMessageBytes + 4}.
         */
        public Builder maxQueuedBytesPerConnection(long bytes) {
            this.maxQueuedBytesPerConnection = bytes;
            return this;
        }

        /**
         * How long a connection to this Orb's server may stay without calls before the server closes it; default
         * 5 min, {@link Duration#ZERO} for never. A connection with a call in flight is never idle; keepalive pings
         * do not count as calls. A client reconnects on its next call.
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * How long a connection this Orb opened may go without reading anything before it is pinged; when the ping
         * is not answered within another interval the connection is closed as dead (calls waiting on it fail with
         * {@link UnavailableException}, completion MAYBE) and the next call reconnects. Default 30 s,
         * {@link Duration#ZERO} for no pings. Connections to plain Thrift servers are never pinged.
         */
        public Builder keepAliveInterval(Duration interval) {
            this.keepAliveInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * TLS for this Orb's TCP connections; default none (plain TCP). With it, the Orb serves TLS only (its
         * references are {@code parleys://…}, its endpoints {@link Endpoint#TLS}), which needs key material in
         * {@code tls}; as a client it uses {@code tls} for the TLS endpoints it calls, and still calls plain
         * {@code parley://} references in plain TCP. Shared memory between processes of this host, when on, is
         * unaffected. Without this setting an Orb still calls {@code parleys://} references, like an HTTPS client:
         * with TLS 1.3, the JDK's default trust store and hostname verification. See {@code SECURITY.md}.
         */
        public Builder tls(TlsConfig tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        // ---- Pass by reference ----------------------------------------------------------------------------------

        /**
         * How long an object exported implicitly (passed by reference as an argument, result, record field or
         * collection element) stays exported after its last holder released it or disconnected; default 10 s. The
         * delay lets a reference that one holder hands on to another (who then announces itself to the owner)
         * arrive before the object is collected; it also delays {@link Unreferenced#unreferenced()}.
         */
        public Builder leaseTime(Duration time) {
            this.leaseTime = Objects.requireNonNull(time, "time");
            return this;
        }

        /**
         * How many objects exported implicitly one peer (one connection) may hold references to at once; default
         * 10,000. Passing one more to that peer fails the call with {@link OrbException} RESOURCE_EXHAUSTED,
         * completion NO, naming this limit.
         */
        public Builder maxExportsPerPeer(int max) {
            this.maxExportsPerPeer = max;
            return this;
        }

        /**
         * Whether a proxy of this Orb's own object calls it directly; default {@code true}. Such a collocated call
         * still runs both interceptor chains and copies value arguments and results through the codec, so behaviour
         * does not depend on where the object lives; it runs the servant on the calling thread (a oneway call on
         * the executor), without socket or thread hand-off. {@code false}: such proxies call over the network like
         * any other, which needs this Orb to listen.
         */
        public Builder collocation(boolean enabled) {
            this.collocation = enabled;
            return this;
        }

        /**
         * Checks the settings and builds the Orb. Nothing listens until the first export.
         *
         * @throws OrbException (INVALID_CONFIGURATION) naming each bad setting, or a missing plugin and the artifact
         *                      that provides it
         */
        public Orb build() {
            if (accessPolicy != null && authenticator == null) {
                throw new OrbException(ErrorCode.INVALID_CONFIGURATION, Completion.NO, "accessPolicy: set, but no "
                        + "authenticator (a policy decides on identities); add Orb.builder().authenticator(...)");
            }
            return DefaultOrb.start(new OrbSettings(name, host, advertisedHost == null ? host : advertisedHost, port,
                    defaultTimeout, shutdownTimeout, connectTimeout, maxFrameBytes, ioThreads, codecSettings, executor,
                    transport, codec, proxyFactory, naming, clientChain(), serverChain(), sharedMemory,
                    sharedMemoryTransport, tls,
                    new OrbLimits(maxCalls, maxCallsPerConnection, maxPendingCalls, maxPendingCallsPerConnection,
                            maxQueuedBytesPerConnection, idleTimeout, keepAliveInterval),
                    new RemoteObjectSettings(leaseTime, maxExportsPerPeer, collocation)));
        }

        /** The bearer token goes last (innermost): interceptors added before it see the call without it. */
        private List<Interceptor> clientChain() {
            List<Interceptor> chain = new ArrayList<>(clientInterceptors);
            if (bearerToken != null) {
                chain.add(new BearerToken(bearerToken));
            }
            return List.copyOf(chain);
        }

        /** Access control goes first: nothing of a refused call runs, no interceptor included. */
        private List<Interceptor> serverChain() {
            List<Interceptor> chain = new ArrayList<>();
            if (authenticator != null) {
                chain.add(new AccessControl(authenticator, accessPolicy));
            }
            chain.addAll(serverInterceptors);
            return List.copyOf(chain);
        }
    }
}
