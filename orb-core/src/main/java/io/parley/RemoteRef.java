package io.parley;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable reference to one exported object: which interface it serves, its object id, and the endpoints of the
 * process that serves it. Pass it around (as a string, or inside values) and turn it into a proxy with
 * {@link Orb#connect(RemoteRef, Class)}.
 *
 * <p>The string form is stable and round-trips through {@link #parse(String)}:
 * <pre>
 * parley://127.0.0.1:7000,10.0.0.5:7000/Calculator/calc?incarnation=6c1f0e2a9b3d4f10
 *          ^ tcp endpoints, in order    ^ service   ^ object id (percent-encoded)
 * </pre>
 * The object id of a named object is its name ({@code bank/accounts} is written {@code bank%2Faccounts}); a transient
 * object's id starts with {@code '~'}. The incarnation identifies the serving Orb's run: a transient reference from
 * an earlier run of the server is stale.
 *
 * <p>A server that also serves over shared memory adds its {@code "shm"} endpoint after the TCP ones, written as a
 * query parameter so that the authority keeps only TCP addresses and readers that do not know shared memory skip it:
 * <pre>
 * parley://127.0.0.1:7000/Calculator/calc?incarnation=6c1f0e2a9b3d4f10&amp;shm=3f9a0c1d5e7b2a84:41234
 *                                                                      ^ host identity  ^ listener port
 * </pre>
 * The host identity ({@link Endpoint#shm}) names the server's machine boot and shared-memory directory; a client whose
 * own identity is the same calls through shared memory, any other uses TCP. A malformed {@code shm} parameter is
 * skipped like an unknown one: the endpoint is a hint, and TCP still reaches the object. References without
 * shared memory look exactly as before.
 *
 * <p>A server that serves TLS ({@code Orb.builder().tls(…)}) has {@code "tls"} endpoints, and its references use the
 * scheme {@code parleys} (as {@code https} to {@code http}):
 * <pre>
 * parleys://app1.example.com:7000/Calculator/calc?incarnation=6c1f0e2a9b3d4f10
 * </pre>
 * A new scheme rather than a parameter, so that a reader that predates TLS refuses the reference instead of sending
 * calls in plain text to a TLS port. For the same reason a reference's network endpoints are either all TLS or all
 * plain TCP: the scheme speaks for every address in the authority.
 *
 * @param service     the remote interface's service name ({@link Remote#name()}, by default its simple name)
 * @param objectId    the object id: no {@code ':'} or {@code '#'}
 * @param endpoints   where the object can be reached, in order of preference (TCP first; a same-host client tries
 *                    a matching {@code "shm"} endpoint before them); not empty
 * @param incarnation the serving Orb's run, or 0 when unknown
 */
public record RemoteRef(String service, String objectId, List<Endpoint> endpoints, long incarnation) {
    /** The scheme of the string form. */
    public static final String SCHEME = "parley";
    /** The scheme of the string form when the network endpoints are TLS ({@link Endpoint#TLS}). */
    public static final String TLS_SCHEME = "parleys";

    private static final String PREFIX = SCHEME + "://";
    private static final String TLS_PREFIX = TLS_SCHEME + "://";
    private static final String SHM_PARAMETER = Endpoint.SHM + "=";

    public RemoteRef {
        checkId("service name", Objects.requireNonNull(service, "service"));
        checkId("object id", Objects.requireNonNull(objectId, "objectId"));
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("a remote reference needs at least one endpoint");
        }
        checkOneNetworkKind(endpoints);
    }

    /** TLS and plain TCP cannot share the authority of one string form, whose scheme says which it is. */
    private static void checkOneNetworkKind(List<Endpoint> endpoints) {
        boolean tls = false;
        boolean tcp = false;
        for (Endpoint endpoint : endpoints) {
            tls |= endpoint.transport().equals(Endpoint.TLS);
            tcp |= endpoint.transport().equals(Endpoint.TCP);
        }
        if (tls && tcp) {
            throw new IllegalArgumentException("a remote reference cannot mix tls and tcp endpoints: " + endpoints
                    + " (a server serves either TLS or plain TCP)");
        }
    }

    /**
     * Reads the string form.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static RemoteRef parse(String text) {
        Objects.requireNonNull(text, "text");
        boolean tls = text.startsWith(TLS_PREFIX);
        if (!tls && !text.startsWith(PREFIX)) {
            throw bad(text, "it must start with " + PREFIX + " or " + TLS_PREFIX);
        }
        String prefix = tls ? TLS_PREFIX : PREFIX;
        int pathStart = text.indexOf('/', prefix.length());
        if (pathStart < 0) {
            throw bad(text, "it has no /service/objectId path");
        }
        int queryStart = text.indexOf('?', pathStart);
        String authority = text.substring(prefix.length(), pathStart);
        String path = text.substring(pathStart + 1, queryStart < 0 ? text.length() : queryStart);
        String query = queryStart < 0 ? "" : text.substring(queryStart + 1);
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw bad(text, "the path must be /service/objectId");
        }
        try {
            List<Endpoint> endpoints = parseEndpoints(authority, tls ? Endpoint.TLS : Endpoint.TCP, text);
            endpoints.addAll(parseShmEndpoints(query));
            if (endpoints.isEmpty()) {
                throw new IllegalArgumentException("it names no endpoint");
            }
            return new RemoteRef(decode(path.substring(0, slash)), decode(path.substring(slash + 1)),
                    endpoints, parseIncarnation(query, text));
        } catch (IllegalArgumentException e) {
            throw bad(text, e.getMessage());
        }
    }

    /**
     * The stable string form, {@code parley://host:port,…/service/objectId?incarnation=…&shm=hostIdentity:port}:
     * TCP endpoints (and those of transports other than shared memory) in the authority, shared-memory ones as
     * {@code shm} parameters; {@code parleys://…} when the endpoints in the authority are TLS.
     */
    @Override
    public String toString() {
        boolean tls = false;
        for (Endpoint endpoint : endpoints) {
            tls |= endpoint.transport().equals(Endpoint.TLS);
        }
        StringBuilder text = new StringBuilder(tls ? TLS_PREFIX : PREFIX);
        String separator = "";
        for (Endpoint endpoint : endpoints) {
            if (!endpoint.transport().equals(Endpoint.SHM)) {
                text.append(separator).append(endpoint.address());
                separator = ",";
            }
        }
        text.append('/').append(encode(service)).append('/').append(encode(objectId));
        char next = '?';
        if (incarnation != 0) {
            text.append(next).append("incarnation=").append(Long.toHexString(incarnation));
            next = '&';
        }
        for (Endpoint endpoint : endpoints) {
            if (endpoint.transport().equals(Endpoint.SHM)) {
                text.append(next).append(SHM_PARAMETER).append(encode(endpoint.host())).append(':')
                        .append(endpoint.port());
                next = '&';
            }
        }
        return text.toString();
    }

    /** The same object, reached through other endpoints. */
    public RemoteRef withEndpoints(List<Endpoint> newEndpoints) {
        return new RemoteRef(service, objectId, newEndpoints, incarnation);
    }

    private static List<Endpoint> parseEndpoints(String authority, String transport, String text) {
        List<Endpoint> result = new ArrayList<>();
        if (authority.isEmpty()) {
            // Only valid with shared-memory endpoints in the query; parse checks that some endpoint was found.
            return result;
        }
        for (String address : authority.split(",", -1)) {
            int colon = address.lastIndexOf(':');
            if (colon <= 0) {
                throw bad(text, "endpoint '" + address + "' is not host:port");
            }
            String host = address.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                result.add(new Endpoint(transport, host, Integer.parseInt(address.substring(colon + 1))));
            } catch (NumberFormatException e) {
                throw bad(text, "endpoint '" + address + "' has no numeric port");
            }
        }
        return result;
    }

    /** The well-formed {@code shm=hostIdentity:port} parameters; others are skipped, as unknown parameters are. */
    private static List<Endpoint> parseShmEndpoints(String query) {
        List<Endpoint> result = new ArrayList<>();
        for (String param : query.isEmpty() ? new String[0] : query.split("&")) {
            if (!param.startsWith(SHM_PARAMETER)) {
                continue;
            }
            String value = param.substring(SHM_PARAMETER.length());
            int colon = value.lastIndexOf(':');
            try {
                result.add(Endpoint.shm(decode(value.substring(0, Math.max(colon, 0))),
                        Integer.parseInt(value.substring(colon + 1))));
            } catch (IllegalArgumentException e) {
                // NumberFormatException included: a hint this version cannot read; TCP still reaches the object.
            }
        }
        return result;
    }

    private static long parseIncarnation(String query, String text) {
        long incarnation = 0;
        for (String param : query.isEmpty() ? new String[0] : query.split("&")) {
            if (param.startsWith("incarnation=")) {
                try {
                    incarnation = Long.parseUnsignedLong(param.substring("incarnation=".length()), 16);
                } catch (NumberFormatException e) {
                    throw bad(text, "incarnation is not hexadecimal");
                }
            }
            // Other parameters are skipped: shm is read by parseShmEndpoints, and later versions may add more.
        }
        return incarnation;
    }

    private static void checkId(String what, String value) {
        if (value.isEmpty() || value.indexOf(':') >= 0 || value.indexOf('#') >= 0) {
            throw new IllegalArgumentException(what + " '" + value + "' must be non-empty, without ':' or '#'");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("not a Parley reference: '" + text + "': " + why
                + " (expected: parley://host:port/Service/objectId, or parleys:// for TLS)");
    }
}
