package io.parley;

import java.util.Objects;

/**
 * Where an exported object can be reached: a transport name and an address. A {@link RemoteRef} lists the endpoints
 * of its server; they are hints, tried in order, except that a client on the same host tries shared memory first.
 *
 * <p>A {@code "tcp"} endpoint's host is a host name or IP address; so is a {@code "tls"} endpoint's, which is TCP
 * whose connections must be TLS (the server speaks nothing else, and the client checks its certificate against that
 * host name unless hostname verification is switched off). A {@code "shm"} (shared memory) endpoint's host is
 * the <em>host identity</em> of the server: a hex digest naming the machine's boot and the shared-memory directory the
 * server uses, which a client compares with its own to know whether it can reach the server through shared memory;
 * its port names the server's listener socket in that directory.
 *
 * @param transport the transport's name, {@code "tcp"} for Netty TCP, {@code "tls"} for Netty TCP with TLS,
 *                  {@code "shm"} for shared memory
 * @param host      a host name or IP literal (IPv6 without brackets), or a host identity for {@code "shm"}
 * @param port      the port, 1 to 65535
 */
public record Endpoint(String transport, String host, int port) {
    /** The name of the TCP transport. */
    public static final String TCP = "tcp";
    /** The endpoint kind of TCP with TLS, served and reached by the TCP transport when TLS is configured. */
    public static final String TLS = "tls";
    /** The name of the shared-memory transport (same host). */
    public static final String SHM = "shm";

    public Endpoint {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("endpoint host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("endpoint port: " + port + " (expected: 1 to 65535)");
        }
    }

    /** A TCP endpoint. */
    public static Endpoint tcp(String host, int port) {
        return new Endpoint(TCP, host, port);
    }

    /** A TCP endpoint whose connections must use TLS. */
    public static Endpoint tls(String host, int port) {
        return new Endpoint(TLS, host, port);
    }

    /** Whether connections to this endpoint must use TLS. */
    public boolean requiresTls() {
        return TLS.equals(transport);
    }

    /** A shared-memory endpoint: the server's host identity and the port of its listener socket. */
    public static Endpoint shm(String hostIdentity, int port) {
        return new Endpoint(SHM, hostIdentity, port);
    }

    /** {@code host:port}, with IPv6 hosts in brackets. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return transport + "://" + address();
    }
}
