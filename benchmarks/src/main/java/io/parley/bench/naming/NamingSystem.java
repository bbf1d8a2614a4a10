package io.parley.bench.naming;

import io.parley.bench.Caller;
import io.parley.bench.ServerLauncher;
import io.parley.bench.SystemUnderTest;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sides of the naming throughput comparison, on the same {@link NamingCluster} and the same client Orb:
 * {@code naming}, a proxy from {@code naming().lookup(name)} spreading calls round robin over the 3 replicas, and
 * {@code naming-direct}, {@code connect(ref)} to the first replica. One proxy per system, shared by every caller
 * thread, as in the {@code parley} system. A third, {@code naming-spread}, rotates over 3 {@code connect(ref)}
 * proxies, one per replica: the same spread without naming, so that the report can tell the cost of the name-bound
 * proxy from the cost of spreading calls over 3 server JVMs that share the client's cores.
 */
public final class NamingSystem implements SystemUnderTest {

    /** How the proxy reaches the replicas. */
    public enum Mode {
        /** {@code lookup}: bound to the name. */
        LOOKUP("naming"),
        /** {@code connect}: bound to one replica's reference. */
        DIRECT("naming-direct"),
        /** Round robin over one {@code connect} proxy per replica, done by the caller. */
        SPREAD("naming-spread");

        private final String systemName;

        Mode(String systemName) {
            this.systemName = systemName;
        }

        /** The system's name in the results. */
        public String systemName() {
            return systemName;
        }
    }

    private final NamingCluster cluster;
    private final Mode mode;
    private ReplicaService proxy;
    private ReplicaService[] spread;
    private final AtomicInteger turn = new AtomicInteger();

    public NamingSystem(NamingCluster cluster, Mode mode) {
        this.cluster = cluster;
        this.mode = mode;
    }

    @Override
    public String name() {
        return mode.systemName;
    }

    /** Starts the cluster if the other system has not; the launcher is the cluster's. */
    @Override
    public void start(ServerLauncher launcher) throws Exception {
        cluster.ensureStarted();
        switch (mode) {
            case LOOKUP -> proxy = cluster.client().naming().lookup(NamingCluster.NAME, ReplicaService.class);
            case DIRECT -> proxy = cluster.client().connect(cluster.replica(0).ref(), ReplicaService.class);
            case SPREAD -> {
                spread = new ReplicaService[NamingCluster.REPLICAS];
                for (int i = 0; i < spread.length; i++) {
                    spread[i] = cluster.client().connect(cluster.replica(i).ref(), ReplicaService.class);
                }
            }
            default -> throw new IllegalStateException(mode.toString());
        }
    }

    @Override
    public Caller newCaller() {
        return new Caller() {
            @Override
            public int add(int a, int b) {
                return next().add(a, b);
            }

            @Override
            public byte[] echo(byte[] payload) {
                return next().echo(payload);
            }
        };
    }

    private ReplicaService next() {
        return spread == null ? proxy : spread[(turn.getAndIncrement() & Integer.MAX_VALUE) % spread.length];
    }

    /** Nothing of its own to close: the cluster (replicas, client Orb) is closed by the harness after every case. */
    @Override
    public void close() {
    }
}
