package io.parley;

/** The state of an Orb's connection to ZooKeeper, from {@link Naming#status()}. */
public enum NamingStatus {
    /** Naming has not been used: no connection was made. */
    IDLE,
    /** Connected: bindings are registered and watches are live. */
    CONNECTED,
    /**
     * ZooKeeper cannot be reached. Servers keep serving, proxies keep calling the replicas they knew, and bindings are
     * registered again once it is back.
     */
    DISCONNECTED,
    /** The Orb is closed. */
    CLOSED
}
