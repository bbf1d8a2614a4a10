/**
 * Reading TLS key and trust material for {@link io.parley.TlsConfig}: key stores (PKCS12, JKS) and PEM files, turned
 * into the JDK's {@code KeyManagerFactory} and {@code TrustManagerFactory}. Every problem is an
 * {@link io.parley.OrbException} ({@code INVALID_CONFIGURATION}) naming the file and what to do, raised when the
 * configuration is built rather than at the first handshake.
 */
package io.parley.internal.tls;
