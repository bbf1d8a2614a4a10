package io.parley.internal.naming;

import io.parley.BindOptions;
import io.parley.Completion;
import io.parley.LoadBalancing;
import io.parley.NameAlreadyBoundException;
import io.parley.NameBinding;
import io.parley.Naming;
import io.parley.NamingConfig;
import io.parley.NamingListener;
import io.parley.NamingStatus;
import io.parley.NamingWatch;
import io.parley.RemoteRef;
import io.parley.Replica;
import io.parley.UnavailableException;
import io.parley.internal.client.ClientCalls;
import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.naming.NameService;
import io.parley.spi.naming.NameServiceProvider;
import io.parley.spi.naming.NameServiceSettings;
import io.parley.spi.proxy.ProxyFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Orb's naming: this process's bindings, the watched cache of looked-up names, and name-bound proxies, over a
 * {@link NameService} backend that is created (and connected) only when naming is first needed, so an Orb that never
 * uses names never touches ZooKeeper.
 *
 * <p>Naming is <em>active</em> once the builder configured it or {@link io.parley.Orb#naming()} was called. From then
 * on {@link io.parley.Export}-annotated servants are bound (as replicas) when exported, and those exported before are
 * bound at activation.
 */
public final class NamingRuntime implements Naming {
    private static final Logger log = LoggerFactory.getLogger(NamingRuntime.class);

    private final NamingConfig config;
    private final String replicaId;
    private final String orbName;
    private final Supplier<NameServiceProvider> provider;
    private final Exporter exporter;
    private final ClientCalls calls;
    private final ProxyFactory proxies;
    private final long defaultTimeoutNanos;
    private final ConcurrentMap<String, LocalBinding> bound = new ConcurrentHashMap<>();
    private final Map<String, Object> unboundExports = new LinkedHashMap<>();
    private final ConcurrentMap<String, ReplicaSet> watched = new ConcurrentHashMap<>();
    private volatile NameService service;
    private volatile boolean active;
    private volatile boolean closed;

    /**
     * @param config    where names live; {@code null} for the default, {@link NamingConfig#embedded()}
     * @param replicaId this Orb's run, the id of its replicas
     */
    public NamingRuntime(NamingConfig config, String replicaId, String orbName, Supplier<NameServiceProvider> provider,
            Exporter exporter, ClientCalls calls, ProxyFactory proxies, long defaultTimeoutNanos) {
        this.config = config != null ? config : NamingConfig.embedded();
        this.replicaId = replicaId;
        this.orbName = orbName;
        this.provider = provider;
        this.exporter = exporter;
        this.calls = calls;
        this.proxies = proxies;
        this.defaultTimeoutNanos = defaultTimeoutNanos;
    }

    /** Naming is in use: binds the {@code @Export} servants exported so far (connecting to ZooKeeper if there are any). */
    public void activate() {
        List<Map.Entry<String, Object>> toBind;
        synchronized (this) {
            if (active) {
                return;
            }
            active = true;
            toBind = new ArrayList<>(unboundExports.entrySet());
            unboundExports.clear();
        }
        for (Map.Entry<String, Object> export : toBind) {
            bindExport(export.getKey(), export.getValue());
        }
    }

    /** An {@code @Export} servant was exported under {@code name}: bind it as a replica, now or at activation. */
    public void exported(String name, Object servant) {
        synchronized (this) {
            if (!active) {
                unboundExports.put(name, servant);
                return;
            }
        }
        bindExport(name, servant);
    }

    /** A servant was unexported: its names are unbound, so that proxies stop choosing this process for them. */
    public void unexported(Object servant) {
        synchronized (this) {
            unboundExports.values().removeIf(s -> s == servant);
        }
        bound.forEach((name, binding) -> {
            if (binding.servant() == servant) {
                unbind(name);
            }
        });
    }

    /** The object with id {@code objectId} was unexported (for named objects the id is the name). */
    public void unexportedId(String objectId) {
        synchronized (this) {
            unboundExports.remove(objectId);
        }
        if (bound.containsKey(objectId)) {
            unbind(objectId);
        }
    }

    @Override
    public RemoteRef bind(String name, Object servant) {
        return bind(name, servant, BindOptions.exclusive());
    }

    @Override
    public RemoteRef bind(String name, Object servant, BindOptions options) {
        return bind(name, servant, options, false);
    }

    @Override
    public RemoteRef rebind(String name, Object servant, BindOptions options) {
        return bind(name, servant, options, true);
    }

    @Override
    public boolean unbind(String name) {
        Names.checkName(name);
        LocalBinding binding = bound.remove(name);
        if (binding == null) {
            return false;
        }
        NameService current = service;
        if (current != null) {
            current.unbind(name);
        }
        return true;
    }

    @Override
    public List<NameBinding> list(String context) {
        return service().list(Names.checkContext(context));
    }

    @Override
    public List<RemoteRef> resolve(String name) {
        Names.checkName(name);
        ReplicaSet cached = watched.get(name);
        List<RemoteRef> refs = new ArrayList<>();
        if (cached != null) {
            for (ReplicaState replica : cached.current()) {
                refs.add(replica.replica().ref());
            }
        } else {
            for (Replica replica : service().replicas(name)) {
                refs.add(replica.ref());
            }
        }
        return refs;
    }

    @Override
    public <T> T lookup(String name, Class<T> iface) {
        return lookup(name, iface, LoadBalancing.ROUND_ROBIN);
    }

    @Override
    public <T> T lookup(String name, Class<T> iface, LoadBalancing policy) {
        Names.checkName(name);
        Objects.requireNonNull(policy, "policy");
        InterfaceDescriptor descriptor = InterfaceDescriptor.of(iface);
        NameBoundInvoker invoker = new NameBoundInvoker(replicaSet(name), descriptor, ReplicaPicker.of(policy), calls,
                defaultTimeoutNanos);
        return iface.cast(proxies.create(descriptor, invoker));
    }

    @Override
    public NamingWatch watch(String context, NamingListener listener) {
        String checked = Names.checkContext(context);
        Objects.requireNonNull(listener, "listener");
        return service().watch(checked, snapshot -> listener.onChange(checked, snapshot.children()));
    }

    @Override
    public NamingStatus status() {
        if (closed) {
            return NamingStatus.CLOSED;
        }
        NameService current = service;
        return current == null ? NamingStatus.IDLE : current.status();
    }

    /** The first step of a graceful close: this process's names disappear, so clients stop choosing it. */
    public void unbindAll() {
        bound.clear();
        NameService current = service;
        if (current != null) {
            current.unbindAll();
        }
    }

    /** Stops the watches and disconnects (and stops the embedded ZooKeeper if this Orb runs it). */
    public void close() {
        closed = true;
        watched.values().forEach(ReplicaSet::close);
        watched.clear();
        NameService current;
        synchronized (this) {
            current = service;
            service = null;
        }
        if (current != null) {
            current.close();
        }
    }

    private RemoteRef bind(String name, Object servant, BindOptions options, boolean replace) {
        Names.checkName(name);
        Objects.requireNonNull(servant, "servant");
        Objects.requireNonNull(options, "options");
        synchronized (bound) {
            LocalBinding existing = bound.get(name);
            if (existing != null && !replace) {
                if (existing.servant() == servant && existing.options().equals(options)) {
                    return existing.ref();
                }
                throw new NameAlreadyBoundException("this process has already bound '" + name + "' to "
                        + existing.ref() + " (" + existing.options() + "); use rebind to replace it");
            }
            if (existing != null && existing.servant() != servant) {
                exporter.unexport(name);
            }
            RemoteRef ref = exporter.export(name, servant);
            service().bind(name, new Replica(replicaId, ref, options.isExclusive(), options.metadata()), replace);
            bound.put(name, new LocalBinding(servant, options, ref));
            log.debug("bound '{}' to {} ({})", name, ref, options);
            return ref;
        }
    }

    private void bindExport(String name, Object servant) {
        LocalBinding existing = bound.get(name);
        if (existing == null || existing.servant() != servant) {
            bind(name, servant, BindOptions.replicated(), false);
        }
    }

    /** The shared watched cache of {@code name}, loaded before it is returned. */
    private ReplicaSet replicaSet(String name) {
        ReplicaSet existing = watched.get(name);
        if (existing != null) {
            return existing;
        }
        NameService current = service();
        synchronized (watched) {
            existing = watched.get(name);
            if (existing != null) {
                return existing;
            }
            ReplicaSet created = new ReplicaSet(name);
            created.watchedBy(current.watch(name, created));
            awaitLoaded(created);
            watched.put(name, created);
            return created;
        }
    }

    private void awaitLoaded(ReplicaSet set) {
        long timeout = config.connectTimeout().toMillis();
        try {
            if (set.awaitLoaded(timeout, TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        set.close();
        throw new UnavailableException(Completion.NO, "could not load the replicas of '" + set.name() + "' from "
                + config + " within " + timeout + " ms");
    }

    /** The backend, created on first use. */
    private NameService service() {
        NameService current = service;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (closed) {
                throw new UnavailableException(Completion.NO, "Orb '" + orbName + "' is closed");
            }
            if (service == null) {
                service = provider.get().create(new NameServiceSettings(config, replicaId, orbName));
                log.info("Orb '{}' uses naming on {}", orbName, config);
            }
            return service;
        }
    }
}
