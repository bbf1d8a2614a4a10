package io.parley.naming.zookeeper;

import io.parley.NameBinding;
import io.parley.Replica;
import io.parley.spi.naming.NameSnapshot;
import io.parley.spi.naming.NameWatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watched name: a Curator {@link CuratorCache} of its subtree (one persistent recursive ZooKeeper watch, no
 * re-arming) feeding a {@link NameWatcher}. Cache events are delivered on the naming thread, never on Curator's event
 * thread; each event only marks the name dirty, and one publication {@link #COALESCE_MILLIS} later sends the complete
 * state, so a burst of changes (three servers starting, a session's nodes expiring together) is one update.
 */
final class NameCache implements AutoCloseable {
    /** How long changes are gathered before they are published. */
    static final long COALESCE_MILLIS = 10;

    private static final Logger log = LoggerFactory.getLogger(NameCache.class);

    private final String name;
    private final String path;
    private final CuratorCache cache;
    private final NameWatcher watcher;
    private final ScheduledExecutorService namingThread;
    private final AtomicBoolean publishScheduled = new AtomicBoolean();
    private volatile boolean initialized;
    private volatile boolean closed;

    NameCache(CuratorFramework client, NodeLayout layout, String name, NameWatcher watcher,
            ScheduledExecutorService namingThread) {
        this.name = name;
        this.path = layout.namePath(name);
        this.cache = CuratorCache.build(client, path);
        this.watcher = watcher;
        this.namingThread = namingThread;
    }

    void start() {
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, before, after) -> changed())
                .forInitialized(() -> {
                    initialized = true;
                    changed();
                })
                .build(), namingThread);
        cache.start();
    }

    @Override
    public void close() {
        closed = true;
        cache.close();
    }

    private void changed() {
        if (initialized && !closed && publishScheduled.compareAndSet(false, true)) {
            namingThread.schedule(this::publish, COALESCE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void publish() {
        publishScheduled.set(false);
        if (closed) {
            return;
        }
        try {
            watcher.onUpdate(snapshot());
        } catch (RuntimeException e) {
            log.warn("a watcher of '{}' failed: {}", name, e.toString(), e);
        }
    }

    /** The complete state from the cache: the name's own replicas and its direct children with theirs. */
    private NameSnapshot snapshot() {
        List<Replica> own = new ArrayList<>();
        Map<String, List<Replica>> children = new TreeMap<>();
        String prefix = path + "/";
        cache.stream().forEach(node -> {
            if (!node.getPath().startsWith(prefix)) {
                return;
            }
            String[] segments = node.getPath().substring(prefix.length()).split("/");
            if (segments.length == 1 && NodeLayout.isReplicaNode(segments[0])) {
                addReplica(own, segments[0], node);
            } else if (segments.length == 1) {
                children.computeIfAbsent(segments[0], s -> new ArrayList<>());
            } else if (segments.length == 2 && !NodeLayout.isReplicaNode(segments[0])
                    && NodeLayout.isReplicaNode(segments[1])) {
                addReplica(children.computeIfAbsent(segments[0], s -> new ArrayList<>()), segments[1], node);
            }
        });
        List<NameBinding> bindings = new ArrayList<>();
        children.forEach((segment, replicas) -> bindings.add(
                new NameBinding(NodeLayout.child(name, segment), sorted(replicas))));
        return new NameSnapshot(name, sorted(own), bindings);
    }

    private void addReplica(List<Replica> into, String segment, ChildData node) {
        if (node.getData() == null) {
            return;
        }
        try {
            into.add(ReplicaData.decode(NodeLayout.replicaId(segment), node.getData()));
        } catch (IllegalArgumentException e) {
            log.warn("ignoring {}: not a Parley replica ({})", node.getPath(), e.getMessage());
        }
    }

    private static List<Replica> sorted(List<Replica> replicas) {
        replicas.sort(Comparator.comparing(Replica::id));
        return replicas;
    }
}
