package io.parley;

import java.util.Objects;

/**
 * Where an exported object can be reached: a transport name and an address. A {@link RemoteRef} lists the endpoints
 * of its server; they are hints, tried in order.
 *
 * @param transport the transport's name, {@code "tcp"} for Netty TCP
 * @param host      a host name or IP literal (IPv6 without brackets)
 * @param port      the port, 1 to 65535
 */
public record Endpoint(String transport, String host, int port) {
    /** The name of the TCP transport. */
    public static final String TCP = "tcp";

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

    /** {@code host:port}, with IPv6 hosts in brackets. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return transport + "://" + address();
    }
}
