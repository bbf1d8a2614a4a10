package io.parley.internal.client;

import io.parley.Endpoint;
import io.parley.spi.MethodDescriptor;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A plain Thrift server that Parley calls (not a Parley Orb), from its URI
 * {@code thrift://host:port[?service=Name][&protocol=compact|binary]}.
 *
 * <p>A server multiplexed with {@code TMultiplexedProcessor} is reached with {@code service=Name}: calls are named
 * {@code Name:method}, what {@code TMultiplexedProtocol} sends for service name {@code Name}. Without
 * {@code service}, calls carry the bare method name, as a plain {@code Service.Client} sends them. The protocol is
 * compact unless {@code protocol=binary} ({@code TBinaryProtocol}); the transport is always framed, because
 * Parley's TCP transport is.
 *
 * @param host     the server's host
 * @param port     the server's port
 * @param service  the multiplexed service name, or {@code null} for a server that is not multiplexed
 * @param protocol {@code "compact"} or {@code "binary"}, the Thrift codec's names
 *                 ({@link io.parley.spi.codec.OutboundCall#protocol()})
 */
public record ThriftServer(String host, int port, String service, String protocol) {
    /** The scheme of the URI. */
    public static final String SCHEME = "thrift";

    private static final String PREFIX = SCHEME + "://";

    /**
     * Reads the URI.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code uri}
     */
    public static ThriftServer parse(String uri) {
        if (!uri.startsWith(PREFIX)) {
            throw bad(uri, "it must start with " + PREFIX);
        }
        int queryStart = uri.indexOf('?');
        String authority = uri.substring(PREFIX.length(), queryStart < 0 ? uri.length() : queryStart);
        if (authority.endsWith("/")) {
            authority = authority.substring(0, authority.length() - 1);
        }
        int colon = authority.lastIndexOf(':');
        if (colon <= 0 || authority.indexOf('/') >= 0) {
            throw bad(uri, "it must name host:port and no path");
        }
        int port;
        try {
            port = Integer.parseInt(authority.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw bad(uri, "the port is not a number");
        }
        String service = null;
        String protocol = "compact";
        if (queryStart >= 0) {
            for (String parameter : uri.substring(queryStart + 1).split("&")) {
                int equals = parameter.indexOf('=');
                String key = equals < 0 ? parameter : parameter.substring(0, equals);
                String value = equals < 0 ? "" : URLDecoder.decode(parameter.substring(equals + 1),
                        StandardCharsets.UTF_8);
                switch (key) {
                    case "service" -> service = checkService(uri, value);
                    case "protocol" -> protocol = checkProtocol(uri, value);
                    default -> throw bad(uri, "unknown parameter '" + key + "' (known: service, protocol)");
                }
            }
        }
        try {
            Endpoint.tcp(authority.substring(0, colon), port);
        } catch (IllegalArgumentException e) {
            throw bad(uri, e.getMessage());
        }
        return new ThriftServer(authority.substring(0, colon), port, service, protocol);
    }

    /** The server's one endpoint. */
    public List<Endpoint> endpoints() {
        return List.of(Endpoint.tcp(host, port));
    }

    /** The message name of a call of {@code method}: {@code Name:method}, or {@code method} when not multiplexed. */
    public String messageName(MethodDescriptor method) {
        return service == null ? method.name() : service + ':' + method.name();
    }

    /** The URI form, as parsed. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(PREFIX).append(host).append(':').append(port);
        char next = '?';
        if (service != null) {
            text.append(next).append("service=").append(service);
            next = '&';
        }
        if (!protocol.equals("compact")) {
            text.append(next).append("protocol=").append(protocol);
        }
        return text.toString();
    }

    private static String checkService(String uri, String service) {
        // TMultiplexedProcessor splits the name at its first ':', so a service name cannot hold one.
        if (service.isEmpty() || service.indexOf(':') >= 0) {
            throw bad(uri, "the service name must be non-empty, without ':'");
        }
        return service;
    }

    private static String checkProtocol(String uri, String protocol) {
        if (!protocol.equals("compact") && !protocol.equals("binary")) {
            throw bad(uri, "protocol must be compact or binary, not '" + protocol + "'");
        }
        return protocol;
    }

    private static IllegalArgumentException bad(String uri, String why) {
        return new IllegalArgumentException("'" + uri + "' is not a Thrift server URI "
                + "(thrift://host:port[?service=Name][&protocol=compact|binary]): " + why);
    }
}
