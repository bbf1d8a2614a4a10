package io.parley.bench.naming;

import io.parley.Orb;
import io.parley.RemoteRef;
import io.parley.bench.ServerLauncher;
import io.parley.bench.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Three replica JVMs ({@link ReplicaServer}) bound under one name, the embedded ZooKeeper they share, and the client
 * Orb of the naming cases. The ZooKeeper runs in this (the harness's) JVM, hosted by an Orb of its own, on a free
 * loopback port: not on the default port 21810, which tests or demos running on the same host may be using.
 *
 * <p>Started once (by the first naming system or the failover case that needs it) and closed by the harness: the
 * replica JVMs first (they unbind on close, which needs ZooKeeper), then the client Orb, then the ZooKeeper host.
 */
public final class NamingCluster implements AutoCloseable {

    /** The name every replica binds. */
    public static final String NAME = "bench/replicated";
    /** Replicas bound under the name. */
    public static final int REPLICAS = 3;
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(30);

    private final ServerLauncher launcher;
    private final List<Replica> replicas = new ArrayList<>();
    private Orb zooKeeperHost;
    private Orb client;
    private int port;
    private int nextReplicaId = 1;
    private String startFailure;

    public NamingCluster(ServerLauncher launcher) {
        this.launcher = launcher;
    }

    /** Starts everything unless done already; a failed start is remembered and thrown again. */
    public synchronized void ensureStarted() throws Exception {
        if (startFailure != null) {
            throw new IllegalStateException(startFailure);
        }
        if (client != null) {
            return;
        }
        try {
            port = freeLoopbackPort();
            zooKeeperHost = Orb.builder().name("bench-zookeeper").naming(ReplicaServer.config(port)).build();
            // The first naming operation finds nothing listening on the port, so it starts the ZooKeeper server here.
            zooKeeperHost.naming().list("");
            client = Orb.builder().name("bench-naming-client").naming(ReplicaServer.config(port)).build();
            List<CompletableFuture<Replica>> starting = new ArrayList<>();
            for (int i = 0; i < REPLICAS; i++) {
                int id = nextReplicaId++;
                // In parallel: three JVM starts one after the other take seconds on a 2-core machine.
                starting.add(CompletableFuture.supplyAsync(() -> launch(id)));
            }
            for (CompletableFuture<Replica> replica : starting) {
                replicas.add(joinUnwrapped(replica));
            }
            awaitBound();
        } catch (Exception | LinkageError e) {
            startFailure = "naming cluster did not start: " + e;
            throw e;
        }
    }

    /** The Orb the naming cases call from. */
    public Orb client() {
        return client;
    }

    /** The replica at {@code index} (0 to {@link #REPLICAS} - 1). */
    public synchronized Replica replica(int index) {
        return replicas.get(index);
    }

    /** The ids of the replicas that should be serving now. */
    public synchronized Set<Integer> liveIds() {
        return replicas.stream().map(Replica::id).collect(Collectors.toSet());
    }

    /** Starts a new replica JVM (with a new id) in place of the one at {@code index}, which must have been killed. */
    public Replica restart(int index) throws IOException {
        int id;
        synchronized (this) {
            id = nextReplicaId++;
        }
        Replica replacement = launchOrThrow(id);
        synchronized (this) {
            replicas.set(index, replacement);
        }
        return replacement;
    }

    /**
     * Waits until ZooKeeper lists exactly the live replicas under the name: every one bound, and no binding left by a
     * killed one (it goes when its session expires).
     */
    public void awaitBound() throws InterruptedException {
        Set<String> expected;
        synchronized (this) {
            expected = replicas.stream().map(replica -> replica.ref().toString()).collect(Collectors.toSet());
        }
        long deadline = System.nanoTime() + BIND_TIMEOUT.toNanos();
        Set<String> bound = Set.of();
        while (System.nanoTime() - deadline < 0) {
            bound = new HashSet<>();
            for (RemoteRef ref : client.naming().resolve(NAME)) {
                bound.add(ref.toString());
            }
            if (bound.equals(expected)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the replicas bound under '" + NAME + "' were still " + bound + " after "
                + BIND_TIMEOUT.toSeconds() + " s; expected " + expected);
    }

    @Override
    public void close() {
        List<Replica> running;
        synchronized (this) {
            running = new ArrayList<>(replicas);
        }
        // In parallel: each one unbinds and drains before it exits.
        CompletableFuture.allOf(running.stream()
                .map(replica -> CompletableFuture.runAsync(replica.process()::stop))
                .toArray(CompletableFuture[]::new)).join();
        closeQuietly(client, "client");
        closeQuietly(zooKeeperHost, "ZooKeeper host");
    }

    private Replica launch(int id) {
        try {
            return launchOrThrow(id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Replica launchOrThrow(int id) throws IOException {
        ServerProcess process = launcher.start("naming-replica-" + id, ReplicaServer.class, List.of(),
                List.of(Integer.toString(port), Integer.toString(id), NAME));
        return new Replica(id, process, RemoteRef.parse(process.readyValue()));
    }

    private static Replica joinUnwrapped(CompletableFuture<Replica> future) throws IOException {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void closeQuietly(Orb orb, String what) {
        if (orb == null) {
            return;
        }
        try {
            orb.close();
        } catch (RuntimeException e) {
            System.err.println("closing the naming " + what + " Orb failed: " + e);
        }
    }

    /**
     * One replica JVM.
     *
     * @param id      what its servant's {@code replicaId()} answers
     * @param process its JVM
     * @param ref     the reference it bound
     */
    public record Replica(int id, ServerProcess process, RemoteRef ref) {
    }
}
