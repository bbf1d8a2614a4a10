/**
 * Parley's naming backend on ZooKeeper, through Curator: {@link io.parley.naming.zookeeper.ZooKeeperNameService}.
 * The node layout ({@link io.parley.naming.zookeeper.NodeLayout}) and the rules are documented in
 * {@code docs/naming.md}.
 */
package io.parley.naming.zookeeper;
