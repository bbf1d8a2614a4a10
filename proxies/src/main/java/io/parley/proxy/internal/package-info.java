/**
 * How {@link io.parley.proxy.ByteBuddyProxyFactory} works: {@link io.parley.proxy.internal.ProxyClassCache} keeps
 * one generated class per remote interface, {@code ProxyClassGenerator} writes it with Byte Buddy (one
 * {@code RemoteMethodCall} per remote method) and {@code ProxyClassDefiner} defines it next to the interface, or in a
 * private {@code ProxyClassLoader} when that is not possible. Not an API: it may change in any release.
 */
package io.parley.proxy.internal;
