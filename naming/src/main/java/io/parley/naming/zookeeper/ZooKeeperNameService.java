package io.parley.naming.zookeeper;

import io.parley.Completion;
import io.parley.NameAlreadyBoundException;
import io.parley.NameBinding;
import io.parley.NamingConfig;
import io.parley.NamingStatus;
import io.parley.NamingWatch;
import io.parley.Replica;
import io.parley.UnavailableException;
import io.parley.spi.naming.NameService;
import io.parley.spi.naming.NameServiceSettings;
import io.parley.spi.naming.NameWatcher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Naming on ZooKeeper through Curator, with the node layout of {@link NodeLayout}.
 *
 * <ul>
 * <li>A binding is an ephemeral node kept by a Curator {@link PersistentNode}: Curator creates it again after a
 *     reconnection or a session expiry (and when a node left by this process's expired session is finally deleted),
 *     so bindings come back by themselves.</li>
 * <li>Exclusivity is checked and the node created in one ZooKeeper transaction that also bumps the name node's
 *     version: two processes binding the same name at once cannot both pass the check.</li>
 * <li>Watches are {@link NameCache}s, delivered on this service's single naming thread.</li>
 * </ul>
 */
final class ZooKeeperNameService implements NameService {
    private static final Logger log = LoggerFactory.getLogger(ZooKeeperNameService.class);
    private static final byte[] NO_DATA = new byte[0];
    private static final int MAX_CLAIM_ATTEMPTS = 50;

    private final NameServiceSettings settings;
    private final NodeLayout layout;
    private final CuratorFramework client;
    private final Optional<EmbeddedZooKeeper> embedded;
    private final ScheduledExecutorService namingThread;
    private final ConnectionWatcher connection;
    private final Map<String, PersistentNode> registrations = new ConcurrentHashMap<>();
    private final Set<NameCache> caches = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private ZooKeeperNameService(NameServiceSettings settings, CuratorFramework client,
            Optional<EmbeddedZooKeeper> embedded, ScheduledExecutorService namingThread) {
        this.settings = settings;
        this.layout = new NodeLayout(settings.config().root());
        this.client = client;
        this.embedded = embedded;
        this.namingThread = namingThread;
        this.connection = new ConnectionWatcher(settings.config().toString());
    }

    /**
     * Starts the embedded ZooKeeper if configured and absent, connects, and creates the root context.
     *
     * @throws UnavailableException (NO) when ZooKeeper is not reachable within the connect timeout
     */
    static ZooKeeperNameService connect(NameServiceSettings settings) {
        NamingConfig config = settings.config();
        Optional<EmbeddedZooKeeper> embedded = config.isEmbedded()
                ? EmbeddedZooKeeper.startIfAbsent(config.embeddedPort(), config.dataDirectory()) : Optional.empty();
        ScheduledExecutorService namingThread = Executors.newSingleThreadScheduledExecutor(
                CuratorClients.daemonThreads(settings.orbName() + "-naming"));
        CuratorFramework client = CuratorClients.create(config, settings.orbName());
        ZooKeeperNameService service = new ZooKeeperNameService(settings, client, embedded, namingThread);
        client.getConnectionStateListenable().addListener(service.connection, namingThread);
        client.start();
        try {
            if (!client.blockUntilConnected(Math.toIntExact(config.connectTimeout().toMillis()),
                    TimeUnit.MILLISECONDS)) {
                throw new UnavailableException(Completion.NO, "cannot reach " + config + " within "
                        + config.connectTimeout().toMillis() + " ms: start ZooKeeper or fix the connect string "
                        + "(NamingConfig.ensemble)");
            }
            service.ensurePersistent(service.layout.names());
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            service.close();
            throw new UnavailableException(Completion.NO, "interrupted while connecting to " + config, e);
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    @Override
    public void bind(String name, Replica replica, boolean replace) {
        checkOpen();
        String path = layout.replicaPath(name, replica.id());
        byte[] data = ReplicaData.encode(replica);
        synchronized (registrations) {
            PersistentNode existing = registrations.get(name);
            if (existing != null) {
                if (!replace) {
                    throw new NameAlreadyBoundException("this process has already bound '" + name + "'");
                }
                update(existing, data, path);
                return;
            }
            ensurePersistent(layout.namePath(name));
            if (!replace) {
                claim(name, replica, path, data);
            }
            registrations.put(name, register(path, data));
        }
    }

    @Override
    public boolean unbind(String name) {
        PersistentNode node = registrations.remove(name);
        if (node == null) {
            return false;
        }
        closeQuietly(node, name);
        return true;
    }

    @Override
    public void unbindAll() {
        for (String name : new ArrayList<>(registrations.keySet())) {
            unbind(name);
        }
    }

    @Override
    public List<NameBinding> list(String context) {
        checkOpen();
        List<NameBinding> bindings = new ArrayList<>();
        for (String segment : children(layout.namePath(context))) {
            if (!NodeLayout.isReplicaNode(segment)) {
                String child = NodeLayout.child(context, segment);
                bindings.add(new NameBinding(child, replicas(child)));
            }
        }
        bindings.sort(Comparator.comparing(NameBinding::name));
        return bindings;
    }

    @Override
    public List<Replica> replicas(String name) {
        checkOpen();
        String namePath = layout.namePath(name);
        List<Replica> replicas = new ArrayList<>();
        for (String segment : children(namePath)) {
            if (NodeLayout.isReplicaNode(segment)) {
                Replica replica = read(namePath + "/" + segment, segment);
                if (replica != null) {
                    replicas.add(replica);
                }
            }
        }
        replicas.sort(Comparator.comparing(Replica::id));
        return replicas;
    }

    @Override
    public NamingWatch watch(String name, NameWatcher watcher) {
        checkOpen();
        NameCache cache = new NameCache(client, layout, name, watcher, namingThread);
        caches.add(cache);
        cache.start();
        return () -> {
            if (caches.remove(cache)) {
                cache.close();
            }
        };
    }

    @Override
    public NamingStatus status() {
        return closed ? NamingStatus.CLOSED : connection.status();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        unbindAll();
        caches.forEach(NameCache::close);
        caches.clear();
        connection.closed();
        client.close();
        namingThread.shutdownNow();
        embedded.ifPresent(EmbeddedZooKeeper::close);
    }

    /** The Curator client: for tests that expire its session. */
    CuratorFramework client() {
        return client;
    }

    /**
     * Checks that no other process holds the name in a way that excludes this binding, and creates the replica node in
     * the same transaction as a versioned write to the name node: a concurrent bind changes that version and makes one
     * of the two transactions fail and check again.
     */
    private void claim(String name, Replica replica, String path, byte[] data) {
        String namePath = layout.namePath(name);
        for (int attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
            Stat stat = new Stat();
            List<String> children;
            try {
                children = client.getChildren().storingStatIn(stat).forPath(namePath);
            } catch (Exception e) {
                throw ZooKeeperErrors.translate("reading the replicas of '" + name + "'", namePath, e);
            }
            checkNoConflict(name, replica, namePath, children);
            try {
                client.transaction().forOperations(
                        client.transactionOp().setData().withVersion(stat.getVersion()).forPath(namePath, NO_DATA),
                        client.transactionOp().create().withMode(CreateMode.EPHEMERAL).forPath(path, data));
                return;
            } catch (KeeperException.BadVersionException e) {
                log.debug("another process bound '{}' at the same time; checking again", name);
            } catch (KeeperException.NodeExistsException e) {
                // Left by an earlier session of this process that ZooKeeper has not expired yet: it is ours.
                deleteIfPresent(path);
            } catch (Exception e) {
                throw ZooKeeperErrors.translate("binding '" + name + "'", path, e);
            }
        }
        throw new UnavailableException(Completion.NO, "could not bind '" + name + "': " + MAX_CLAIM_ATTEMPTS
                + " attempts lost to concurrent binds");
    }

    private void checkNoConflict(String name, Replica replica, String namePath, List<String> children) {
        for (String segment : children) {
            if (!NodeLayout.isReplicaNode(segment) || NodeLayout.replicaId(segment).equals(replica.id())) {
                continue;
            }
            Replica other = read(namePath + "/" + segment, segment);
            if (other != null && (replica.exclusive() || other.exclusive())) {
                throw new NameAlreadyBoundException("'" + name + "' is bound by another process" + (other.exclusive()
                        ? ", exclusively," : "") + " to " + other.ref() + (replica.exclusive() ? "; bind it with "
                        + "BindOptions.replicated() in every process to serve it together" : "; it accepts no replicas"));
            }
        }
    }

    private PersistentNode register(String path, byte[] data) {
        PersistentNode node = new PersistentNode(client, CreateMode.EPHEMERAL, false, path, data);
        node.start();
        try {
            if (node.waitForInitialCreate(settings.config().connectTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                return node;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(node, path);
        throw new UnavailableException(Completion.NO, "could not create " + path + " on " + settings.config()
                + " within the connect timeout");
    }

    private void update(PersistentNode node, byte[] data, String path) {
        try {
            node.setData(data);
        } catch (Exception e) {
            throw ZooKeeperErrors.translate("rebinding", path, e);
        }
    }

    private List<String> children(String path) {
        try {
            return client.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return Collections.emptyList();
        } catch (Exception e) {
            throw ZooKeeperErrors.translate("listing", path, e);
        }
    }

    /** A replica node's content, or {@code null} when it vanished meanwhile or is not a Parley replica. */
    private Replica read(String path, String segment) {
        try {
            return ReplicaData.decode(NodeLayout.replicaId(segment), client.getData().forPath(path));
        } catch (KeeperException.NoNodeException e) {
            return null;
        } catch (IllegalArgumentException e) {
            log.warn("ignoring {}: not a Parley replica ({})", path, e.getMessage());
            return null;
        } catch (Exception e) {
            throw ZooKeeperErrors.translate("reading", path, e);
        }
    }

    private void ensurePersistent(String path) {
        try {
            // Look first: under an ACL, ZooKeeper refuses a create without permission even when the node exists.
            if (client.checkExists().forPath(path) == null) {
                client.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT).forPath(path, NO_DATA);
            }
        } catch (KeeperException.NodeExistsException e) {
            // Contexts are shared: someone created it first.
        } catch (Exception e) {
            throw ZooKeeperErrors.translate("creating the context", path, e);
        }
    }

    private void deleteIfPresent(String path) {
        try {
            client.delete().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            // Gone already.
        } catch (Exception e) {
            throw ZooKeeperErrors.translate("removing a stale binding", path, e);
        }
    }

    private static void closeQuietly(PersistentNode node, String what) {
        try {
            node.close();
        } catch (IOException e) {
            // Curator's guaranteed delete goes on in the background; the session's end removes it otherwise.
            log.warn("could not remove the binding of '{}' now: {}", what, e.toString());
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new UnavailableException(Completion.NO, "naming of Orb '" + settings.orbName() + "' is closed");
        }
    }
}
