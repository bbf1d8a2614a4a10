package io.parley.internal;

import io.parley.Completion;
import io.parley.Endpoint;
import io.parley.ErrorCode;
import io.parley.Export;
import io.parley.Naming;
import io.parley.Orb;
import io.parley.OrbException;
import io.parley.RemoteRef;
import io.parley.UnavailableException;
import io.parley.internal.client.ClientCalls;
import io.parley.internal.client.ClientLimits;
import io.parley.internal.client.EndpointChooser;
import io.parley.internal.client.RemoteInvoker;
import io.parley.internal.client.ThriftServer;
import io.parley.internal.client.ThriftServerInvoker;
import io.parley.internal.naming.Exporter;
import io.parley.internal.naming.NamingRuntime;
import io.parley.internal.remote.RemoteObjects;
import io.parley.internal.server.ExportTable;
import io.parley.internal.server.ServerDispatcher;
import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.codec.Codec;
import io.parley.spi.codec.CodecProvider;
import io.parley.spi.naming.NameServiceProvider;
import io.parley.spi.proxy.ProxyFactory;
import io.parley.spi.transport.Listener;
import io.parley.spi.transport.Transport;
import io.parley.spi.transport.TransportProvider;
import io.parley.spi.transport.TransportSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Orb: wires the plugins (codec, transport, proxies) to the export table, the server dispatcher and the client
 * call path, and runs the lifecycle (lazy listening, graceful close).
 */
public final class DefaultOrb implements Orb {
    private static final Logger log = LoggerFactory.getLogger(DefaultOrb.class);

    private final OrbSettings settings;
    private final Codec codec;
    private final Transport transport;
    private final Transport shmTransport; // null when shared memory is off or not on the class path
    private final ProxyFactory proxies;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final ScheduledThreadPoolExecutor timer;
    private final ExportTable exports = new ExportTable();
    private final ServerDispatcher dispatcher;
    private final ClientCalls clientCalls;
    private final long incarnation = ObjectIds.incarnation();
    private final NamingRuntime naming;
    private final RemoteObjects remoteObjects;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Listener listener;
    private volatile Listener shmListener;
    private volatile Endpoint endpoint;
    private volatile List<Endpoint> endpoints; // what references list: TCP, then shared memory when it serves

    private DefaultOrb(OrbSettings settings) {
        this.settings = settings;
        this.codec = codecProvider(settings).create(settings.codecSettings());
        this.proxies = settings.proxyFactory() != null ? settings.proxyFactory()
                : Plugins.find(ProxyFactory.class, p -> true, "proxy factory", "parley-proxies");
        TransportProvider transportProvider = transportProvider(settings);
        this.ownsExecutor = settings.executor() == null;
        OrbLimits limits = settings.limits();
        this.executor = ownsExecutor
                ? ServantExecutors.create(settings.name(),
                        (int) Math.min(Integer.MAX_VALUE, (long) limits.maxCalls() + limits.maxPendingCalls()))
                : settings.executor();
        this.timer = new ScheduledThreadPoolExecutor(1, ServantExecutors.daemonThreads(settings.name() + "-timer"));
        timer.setRemoveOnCancelPolicy(true);
        TransportSettings transportSettings = new TransportSettings(settings.maxFrameBytes(),
                settings.ioThreads(), settings.connectTimeout().toMillis(), settings.name())
                .withMaxQueuedBytes(limits.maxQueuedBytesPerConnection()).withTls(settings.tls());
        this.transport = transportProvider.create(transportSettings);
        this.shmTransport = shmTransportProvider(settings).map(p -> p.create(transportSettings)).orElse(null);
        this.dispatcher = new ServerDispatcher(exports, codec, executor, settings.serverInterceptors(), limits,
                timer);
        dispatcher.servantsOnReadingThreads(ownsExecutor);
        this.clientCalls = new ClientCalls(new EndpointChooser(transport, shmTransport, settings.name()), codec,
                executor, timer, settings.connectTimeout().toNanos(), settings.clientInterceptors(),
                new ClientLimits(limits));
        this.remoteObjects = new RemoteObjects(incarnation, codec, exports, proxies, clientCalls, executor, timer,
                settings.defaultTimeout().toNanos(), settings.connectTimeout().toNanos(), this::listeningNow,
                DefaultOrb::remoteInterfaces, ObjectIds::transientId, settings.remoteObjects(), settings.name());
        remoteObjects.serveWith(dispatcher);
        this.naming = new NamingRuntime(settings.naming(), Long.toHexString(incarnation), settings.name(),
                DefaultOrb::nameServiceProvider, new NamedExports(), clientCalls, proxies,
                settings.defaultTimeout().toNanos());
        if (settings.naming() != null) {
            naming.activate();
        }
    }

    /** Validates the settings and builds an Orb. */
    public static Orb start(OrbSettings settings) {
        settings.validate();
        return new DefaultOrb(settings);
    }

    @Override
    public RemoteRef export(Object servant) {
        Export export = servant.getClass().getAnnotation(Export.class);
        if (export != null) {
            RemoteRef ref = export(export.value(), servant);
            naming.exported(export.value(), servant);
            return ref;
        }
        return export(ObjectIds.transientId(), false, servant);
    }

    @Override
    public RemoteRef export(String name, Object servant) {
        return export(ObjectIds.checkName(name), true, servant);
    }

    @Override
    public boolean unexport(RemoteRef ref) {
        naming.unexportedId(ref.objectId());
        remoteObjects.unexported(ref.objectId());
        return exports.remove(ref.objectId());
    }

    @Override
    public boolean unexport(Object servant) {
        naming.unexported(servant);
        String id = exports.idOf(servant);
        if (id != null) {
            remoteObjects.unexported(id);
        }
        return exports.removeServant(servant);
    }

    @Override
    public Naming naming() {
        checkOpen();
        naming.activate();
        return naming;
    }

    @Override
    public <T> T connect(RemoteRef ref, Class<T> iface) {
        checkOpen();
        InterfaceDescriptor descriptor = InterfaceDescriptor.of(iface);
        if (!descriptor.serviceName().equals(ref.service())) {
            throw new OrbException(ErrorCode.INVALID_CONFIGURATION, Completion.NO, ref + " serves '" + ref.service()
                    + "', not " + descriptor + "; connect it with the matching interface");
        }
        // An object of this Orb is called directly (collocated), unless collocation is off.
        RemoteInvoker invoker = new RemoteInvoker(ref, descriptor, clientCalls, settings.defaultTimeout().toNanos(),
                remoteObjects.collocatedRoute(ref));
        return iface.cast(proxies.create(descriptor, invoker));
    }

    @Override
    public <T> T connect(String ref, Class<T> iface) {
        if (ref.startsWith(ThriftServer.SCHEME + "://")) {
            return connectThriftServer(ref, iface);
        }
        RemoteRef parsed;
        try {
            parsed = RemoteRef.parse(ref);
        } catch (IllegalArgumentException e) {
            throw new OrbException(ErrorCode.INVALID_CONFIGURATION, Completion.NO, e.getMessage(), e);
        }
        return connect(parsed, iface);
    }

    /** A proxy of a plain Thrift server, {@code thrift://host:port[?service=Name][&protocol=compact|binary]}. */
    private <T> T connectThriftServer(String uri, Class<T> iface) {
        checkOpen();
        ThriftServer server;
        try {
            server = ThriftServer.parse(uri);
        } catch (IllegalArgumentException e) {
            throw new OrbException(ErrorCode.INVALID_CONFIGURATION, Completion.NO, e.getMessage(), e);
        }
        // Only the Thrift codec knows how to name and encode calls for a server that is not an Orb.
        if (!codec.name().equals("thrift")) {
            throw new OrbException(ErrorCode.INVALID_CONFIGURATION, Completion.NO, uri + " needs the Thrift codec, "
                    + "but this Orb uses '" + codec.name() + "'");
        }
        InterfaceDescriptor descriptor = InterfaceDescriptor.of(iface);
        ThriftServerInvoker invoker = new ThriftServerInvoker(server, descriptor, clientCalls,
                settings.defaultTimeout().toNanos());
        return iface.cast(proxies.create(descriptor, invoker));
    }

    @Override
    public boolean release(Object proxy) {
        return remoteObjects.release(proxy);
    }

    /**
     * How many objects this Orb exports now, its own lease service included: for tests and diagnostics (objects
     * passed by reference are exported while referenced, then collected).
     */
    public int exportCount() {
        return exports.size();
    }

    /** How many of {@link #exportCount()} were exported implicitly, because they were passed by reference. */
    public int implicitExportCount() {
        return remoteObjects.implicitExports();
    }

    /** The endpoints references list now: none before the first export starts the listeners. */
    private List<Endpoint> listeningNow() {
        List<Endpoint> current = endpoints;
        return current == null ? List.of() : current;
    }

    @Override
    public Optional<Endpoint> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        unbindNames();
        try {
            int unfinished = dispatcher.drain(settings.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (unfinished > 0) {
                log.warn("Orb '{}' closing with {} calls still running after the shutdown timeout of {}",
                        settings.name(), unfinished, settings.shutdownTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Listener current : new Listener[] {listener, shmListener}) {
            if (current != null) {
                current.close();
            }
        }
        remoteObjects.close();
        clientCalls.close();
        naming.close();
        transport.close();
        if (shmTransport != null) {
            shmTransport.close();
        }
        timer.shutdownNow();
        if (ownsExecutor) {
            executor.shutdown();
        }
        log.debug("Orb '{}' closed", settings.name());
    }

    private RemoteRef export(String objectId, boolean named, Object servant) {
        checkOpen();
        List<InterfaceDescriptor> interfaces = remoteInterfaces(servant.getClass());
        List<Endpoint> served = listening();
        exports.add(objectId, servant, named, interfaces);
        return new RemoteRef(interfaces.get(0).serviceName(), objectId, served, incarnation);
    }

    /** Every remote interface the servant's class implements, validated, sorted by service name. */
    private static List<InterfaceDescriptor> remoteInterfaces(Class<?> servantClass) {
        Set<Class<?>> found = new LinkedHashSet<>();
        collectRemoteInterfaces(servantClass, found);
        if (found.isEmpty()) {
            throw new OrbException(ErrorCode.INVALID_CONFIGURATION, Completion.NO, servantClass.getName()
                    + " implements no interface annotated @Remote, so it has nothing to serve");
        }
        List<InterfaceDescriptor> result = new ArrayList<>();
        for (Class<?> iface : found) {
            result.add(InterfaceDescriptor.of(iface));
        }
        // The reference names the most specific interface: one that no other served interface extends (a servant
        // of Interop extends Greeter is referenced as Interop, which also answers Greeter's methods).
        result.sort(Comparator.comparing((InterfaceDescriptor d) -> isExtendedByAnother(d, found))
                .thenComparing(InterfaceDescriptor::serviceName));
        return result;
    }

    private static boolean isExtendedByAnother(InterfaceDescriptor iface, Set<Class<?>> all) {
        for (Class<?> other : all) {
            if (other != iface.type() && iface.type().isAssignableFrom(other)) {
                return true;
            }
        }
        return false;
    }

    private static void collectRemoteInterfaces(Class<?> type, Set<Class<?>> found) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            for (Class<?> iface : current.getInterfaces()) {
                if (InterfaceDescriptor.isRemote(iface)) {
                    found.add(iface);
                }
                collectRemoteInterfaces(iface, found);
            }
        }
    }

    /** Unbinds first, so that clients move to other replicas while the calls in flight drain. */
    private void unbindNames() {
        try {
            naming.unbindAll();
        } catch (RuntimeException e) {
            // ZooKeeper unreachable: the names go when this process's session expires.
            log.warn("Orb '{}' could not unbind its names before closing: {}", settings.name(), e.toString());
        }
    }

    /** Exports and unexports named servants for naming, without binding them again. */
    private final class NamedExports implements Exporter {
        @Override
        public RemoteRef export(String name, Object servant) {
            return DefaultOrb.this.export(ObjectIds.checkName(name), true, servant);
        }

        @Override
        public void unexport(String name) {
            exports.remove(name);
        }
    }

    /** Starts the listeners on first use; returns the endpoints references list. */
    private synchronized List<Endpoint> listening() {
        if (endpoints == null) {
            listener = transport.listen(settings.host(), settings.port(), dispatcher);
            // The listener's kind: "tls" when the transport serves TLS, so references say that TLS is needed.
            endpoint = new Endpoint(listener.endpoint().transport(), settings.advertisedHost(),
                    listener.endpoint().port());
            Endpoint shm = shmTransport == null ? null : listenOnSharedMemory();
            endpoints = shm == null ? List.of(endpoint) : List.of(endpoint, shm);
            log.info("Orb '{}' serving on {}", settings.name(), endpoints);
        }
        return endpoints;
    }

    /**
     * Starts the shared-memory listener, named by this host's identity so that clients elsewhere skip it; or, when
     * shared memory cannot be used here, logs why and returns {@code null}: TCP serves everyone, only slower.
     */
    private Endpoint listenOnSharedMemory() {
        try {
            String hostIdentity = shmTransport.hostIdentity().orElseThrow(() -> new UnavailableException(
                    Completion.NO, "transport '" + shmTransport.name() + "' reports no host identity"));
            shmListener = shmTransport.listen(hostIdentity, 0, dispatcher);
            return Endpoint.shm(hostIdentity, shmListener.endpoint().port());
        } catch (RuntimeException e) {
            log.warn("Orb '{}' serves over TCP only: shared memory is unavailable ({})", settings.name(),
                    e.getMessage());
            return null;
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new UnavailableException(Completion.NO, "Orb '" + settings.name() + "' is closed");
        }
    }

    private static CodecProvider codecProvider(OrbSettings settings) {
        return settings.codec() != null ? settings.codec()
                : Plugins.find(CodecProvider.class, p -> p.name().equals("thrift"), "Thrift codec", "parley-idl");
    }

    private static NameServiceProvider nameServiceProvider() {
        return Plugins.find(NameServiceProvider.class, p -> p.name().equals("zookeeper"), "naming backend",
                "parley-naming");
    }

    /** The shared-memory transport's provider, when shared memory is on and one is set or on the class path. */
    private static Optional<TransportProvider> shmTransportProvider(OrbSettings settings) {
        if (!settings.sharedMemory()) {
            return Optional.empty();
        }
        return settings.sharedMemoryTransport() != null ? Optional.of(settings.sharedMemoryTransport())
                : Plugins.findOptional(TransportProvider.class, p -> p.name().equals(Endpoint.SHM));
    }

    private static TransportProvider transportProvider(OrbSettings settings) {
        return settings.transport() != null ? settings.transport()
                : Plugins.find(TransportProvider.class, p -> p.name().equals(Endpoint.TCP), "TCP transport",
                        "parley-transport-netty");
    }
}
