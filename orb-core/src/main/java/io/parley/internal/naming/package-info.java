/**
 * The naming runtime of an Orb, above the {@link io.parley.spi.naming.NameService} backend: this process's bindings,
 * the watched cache of looked-up names ({@link io.parley.internal.naming.ReplicaSet}), replica selection
 * ({@link io.parley.internal.naming.ReplicaPicker}) and failover under the at-most-once rule
 * ({@link io.parley.internal.naming.Failover}, {@link io.parley.internal.naming.NameBoundInvoker}).
 */
package io.parley.internal.naming;
