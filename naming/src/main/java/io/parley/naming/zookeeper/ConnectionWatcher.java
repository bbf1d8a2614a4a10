package io.parley.naming.zookeeper;

import io.parley.NamingStatus;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the connection to ZooKeeper: keeps the queryable {@link NamingStatus} and logs each change once, with what
 * it means for users. Registered to run on the naming thread, so it never holds up Curator's event thread.
 */
final class ConnectionWatcher implements ConnectionStateListener {
    private static final Logger log = LoggerFactory.getLogger(ConnectionWatcher.class);

    private final String where;
    private volatile NamingStatus status = NamingStatus.CONNECTED;

    ConnectionWatcher(String where) {
        this.where = where;
    }

    NamingStatus status() {
        return status;
    }

    void closed() {
        status = NamingStatus.CLOSED;
    }

    @Override
    public void stateChanged(CuratorFramework client, ConnectionState newState) {
        if (status == NamingStatus.CLOSED) {
            return;
        }
        switch (newState) {
            case CONNECTED, RECONNECTED -> {
                if (status != NamingStatus.CONNECTED) {
                    log.info("naming: connected to {} again; this process's bindings are registered again", where);
                }
                status = NamingStatus.CONNECTED;
            }
            case SUSPENDED, READ_ONLY -> {
                if (status == NamingStatus.CONNECTED) {
                    log.warn("naming: {} is unreachable; servers keep serving and name-bound proxies keep their last "
                            + "known replicas until it is back", where);
                }
                status = NamingStatus.DISCONNECTED;
            }
            case LOST -> {
                log.warn("naming: the ZooKeeper session with {} is lost; this process's bindings are gone until "
                        + "it reconnects, then they are registered again", where);
                status = NamingStatus.DISCONNECTED;
            }
        }
    }
}
