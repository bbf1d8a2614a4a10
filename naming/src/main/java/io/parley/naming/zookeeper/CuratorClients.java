package io.parley.naming.zookeeper;

import io.parley.NamingConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;

/** Builds the Curator client of a naming configuration. */
final class CuratorClients {
    private CuratorClients() {
    }

    static CuratorFramework create(NamingConfig config, String orbName) {
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(config.connectString())
                .sessionTimeoutMs(Math.toIntExact(config.sessionTimeout().toMillis()))
                .connectionTimeoutMs(Math.toIntExact(config.connectTimeout().toMillis()))
                // One quick retry: each attempt already waits up to the connect timeout for a connection, so a naming
                // call while ZooKeeper is away gives up after about twice that, not after Curator's patience.
                .retryPolicy(new RetryOneTime(100))
                // Keep the connect string as configured (with its chroot) instead of following ensemble changes.
                .ensembleTracker(false)
                .threadFactory(daemonThreads(orbName + "-zookeeper"));
        if (config.user().isPresent()) {
            String identity = config.user().get() + ":" + config.password().orElse("");
            builder.authorization("digest", identity.getBytes(StandardCharsets.UTF_8))
                    .aclProvider(new CredentialedAcl());
        }
        return builder.build();
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Nodes that only processes with the same credentials may change, and everyone may read: binding needs the
     * credentials, lookups do not.
     */
    private static final class CredentialedAcl implements ACLProvider {
        private static final List<ACL> ACLS;

        static {
            List<ACL> acls = new ArrayList<>(ZooDefs.Ids.CREATOR_ALL_ACL);
            acls.add(new ACL(ZooDefs.Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE));
            // Not List.copyOf: ZooKeeper checks the list with contains(null), which immutable lists refuse.
            ACLS = Collections.unmodifiableList(acls);
        }

        @Override
        public List<ACL> getDefaultAcl() {
            return ACLS;
        }

        @Override
        public List<ACL> getAclForPath(String path) {
            return ACLS;
        }
    }
}
