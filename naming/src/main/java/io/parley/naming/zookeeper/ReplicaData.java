package io.parley.naming.zookeeper;

import io.parley.RemoteRef;
import io.parley.Replica;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data of a replica node: UTF-8 text in the form of a URL query, readable from any language and by
 * {@code zkCli.sh get}:
 *
 * <pre>
 * ref=parley%3A%2F%2F127.0.0.1%3A7000%2FCalculator%2Fcalculator%3Fincarnation%3D6c1f&amp;exclusive=false&amp;meta.zone=eu
 * </pre>
 *
 * {@code ref} is {@link RemoteRef#toString()}; each metadata entry is {@code meta.<key>}. Unknown keys are ignored, so
 * later versions can add some.
 */
final class ReplicaData {
    private static final String META = "meta.";

    private ReplicaData() {
    }

    static byte[] encode(Replica replica) {
        StringBuilder text = new StringBuilder("ref=").append(encode(replica.ref().toString()))
                .append("&exclusive=").append(replica.exclusive());
        for (Map.Entry<String, String> entry : new TreeMap<>(replica.metadata()).entrySet()) {
            text.append('&').append(encode(META + entry.getKey())).append('=').append(encode(entry.getValue()));
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a replica node's data.
     *
     * @throws IllegalArgumentException when it is not a replica's data
     */
    static Replica decode(String replicaId, byte[] data) {
        String ref = null;
        boolean exclusive = false;
        Map<String, String> metadata = new TreeMap<>();
        for (String pair : new String(data, StandardCharsets.UTF_8).split("&")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String key = decode(pair.substring(0, equals));
            String value = decode(pair.substring(equals + 1));
            if (key.equals("ref")) {
                ref = value;
            } else if (key.equals("exclusive")) {
                exclusive = Boolean.parseBoolean(value);
            } else if (key.startsWith(META)) {
                metadata.put(key.substring(META.length()), value);
            }
        }
        if (ref == null) {
            throw new IllegalArgumentException("replica data has no ref");
        }
        return new Replica(replicaId, RemoteRef.parse(ref), exclusive, metadata);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
