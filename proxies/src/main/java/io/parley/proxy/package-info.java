/**
 * Client proxies generated with Byte Buddy: {@link io.parley.proxy.ByteBuddyProxyFactory}, found by
 * {@link java.util.ServiceLoader} as the {@link io.parley.spi.proxy.ProxyFactory} of artifact
 * {@code parley-proxies}. Everything else in this module is internal.
 */
package io.parley.proxy;
