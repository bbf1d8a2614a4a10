/**
 * What a naming backend implements: a {@link io.parley.spi.naming.NameService} created by a
 * {@link io.parley.spi.naming.NameServiceProvider} found with {@link java.util.ServiceLoader}. The ZooKeeper backend
 * ({@code io.parley:parley-naming}) is the one Parley ships; core's runtime ({@code io.parley.internal.naming}) adds
 * the watched cache, replica selection and failover on top.
 */
package io.parley.spi.naming;
