package io.parley.bench.naming;

import io.parley.BindOptions;
import io.parley.NamingConfig;
import io.parley.Orb;
import io.parley.RemoteRef;
import io.parley.bench.ServerMain;
import java.time.Duration;

/**
 * One replica JVM of the naming cases: an Orb with default settings (TCP on loopback, a free port) whose naming is the
 * embedded ZooKeeper the harness hosts, binding a {@link ReplicaServant} under the name, replicated. Prints the
 * servant's reference. Arguments: the ZooKeeper port, the replica id, the name.
 */
public final class ReplicaServer {

    /**
     * The shortest session the embedded ZooKeeper grants (2 ticks of 2 s): a killed replica's binding then goes
     * within 4–6 s, so that each failover round can start again from exactly 3 live replicas. It does not change
     * what is measured: proxies leave a dead replica at its first refused connection, not when ZooKeeper drops it.
     */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(4);

    private ReplicaServer() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ReplicaServer ZOOKEEPER_PORT REPLICA_ID NAME");
        }
        int replicaId = Integer.parseInt(args[1]);
        Orb orb = Orb.builder().name("bench-replica-" + replicaId)
                .naming(config(Integer.parseInt(args[0])))
                .build();
        RemoteRef ref;
        try {
            ref = orb.naming().bind(args[2], new ReplicaServant(replicaId), BindOptions.replicated());
        } catch (RuntimeException e) {
            // Without this the Orb's threads would keep the JVM up until the launcher's ready timeout.
            orb.close();
            throw e;
        }
        ServerMain.serveUntilStdinCloses(ref.toString(), orb::close);
    }

    /** The naming configuration of every Orb of the naming cases, the harness's included. */
    static NamingConfig config(int zooKeeperPort) {
        return NamingConfig.embedded(zooKeeperPort).sessionTimeout(SESSION_TIMEOUT);
    }
}
