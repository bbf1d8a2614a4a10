package io.parley.naming.zookeeper;

/**
 * Where names live in ZooKeeper, under the configured root (default {@code /parley}):
 *
 * <pre>
 * /parley                                persistent
 * /parley/names                          persistent: the root context
 * /parley/names/bank                     persistent: the context (and name) "bank"
 * /parley/names/bank/accounts            persistent: the name "bank/accounts"
 * /parley/names/bank/accounts/~6c1f0e2a  ephemeral: one replica, owned by the session of the process that bound it;
 *                                        its data is {@link ReplicaData}
 * </pre>
 *
 * A replica node's name is {@code '~'} and the replica id (the serving Orb's incarnation); {@code '~'} cannot start a
 * name segment, so a name's replicas and the names under it never collide.
 */
final class NodeLayout {
    static final char REPLICA_PREFIX = '~';

    private final String names;

    NodeLayout(String root) {
        this.names = root + "/names";
    }

    /** The node of the root context. */
    String names() {
        return names;
    }

    /** The node of a name or context ({@code ""}: the root context). */
    String namePath(String name) {
        return name.isEmpty() ? names : names + "/" + name;
    }

    /** The node of one replica of a name. */
    String replicaPath(String name, String replicaId) {
        return namePath(name) + "/" + REPLICA_PREFIX + replicaId;
    }

    static boolean isReplicaNode(String segment) {
        return !segment.isEmpty() && segment.charAt(0) == REPLICA_PREFIX;
    }

    static String replicaId(String segment) {
        return segment.substring(1);
    }

    /** The full name of a child of {@code context}. */
    static String child(String context, String segment) {
        return context.isEmpty() ? segment : context + "/" + segment;
    }
}
