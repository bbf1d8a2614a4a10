package io.parley;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an Orb keeps its names: a ZooKeeper ensemble, or the embedded ZooKeeper (the default). Immutable; give it to
 * {@link Orb.Builder#naming(NamingConfig)}.
 *
 * <pre>{@code
 * NamingConfig.ensemble("zk1:2181,zk2:2181,zk3:2181/prod").credentials("orders", secret)   // production
 * NamingConfig.embedded()                                   // no installation: see below
 * }</pre>
 *
 * <p><b>Embedded.</b> The Orb connects to {@code 127.0.0.1:}{@link #DEFAULT_EMBEDDED_PORT}; if nothing listens
 * there yet, it first starts a real ZooKeeper server inside its own process on that loopback port (data in a
 * temporary folder, or {@link #dataDirectory}). So the first Parley process on a host serves names to the others,
 * and all of them share one namespace with no installation. The server stops when that Orb closes: for anything
 * but demos and tests, run an ensemble.
 */
public final class NamingConfig {
    /** The loopback port of the embedded ZooKeeper. */
    public static final int DEFAULT_EMBEDDED_PORT = 21810;

    private final String connectString;
    private final int embeddedPort;
    private final Path dataDirectory;
    private final String root;
    private final String user;
    private final String password;
    private final Duration sessionTimeout;
    private final Duration connectTimeout;

    private NamingConfig(String connectString, int embeddedPort, Path dataDirectory, String root, String user,
            String password, Duration sessionTimeout, Duration connectTimeout) {
        this.connectString = connectString;
        this.embeddedPort = embeddedPort;
        this.dataDirectory = dataDirectory;
        this.root = root;
        this.user = user;
        this.password = password;
        this.sessionTimeout = sessionTimeout;
        this.connectTimeout = connectTimeout;
    }

    /** The embedded ZooKeeper on {@link #DEFAULT_EMBEDDED_PORT}: what an Orb uses when nothing is configured. */
    public static NamingConfig embedded() {
        return embedded(DEFAULT_EMBEDDED_PORT);
    }

    /** The embedded ZooKeeper on another loopback port (every process that should share names uses the same). */
    public static NamingConfig embedded(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("embedded ZooKeeper port: " + port + " (expected: 1 to 65535)");
        }
        return new NamingConfig(null, port, null, "/parley", null, null, Duration.ofSeconds(15),
                Duration.ofSeconds(10));
    }

    /**
     * A ZooKeeper ensemble: {@code host:port[,host:port…][/chroot]}, ZooKeeper's connect string.
     *
     * @throws IllegalArgumentException when the string is empty or a host has no port
     */
    public static NamingConfig ensemble(String connectString) {
        Objects.requireNonNull(connectString, "connectString");
        int slash = connectString.indexOf('/');
        String hosts = slash < 0 ? connectString : connectString.substring(0, slash);
        if (hosts.isBlank()) {
            throw new IllegalArgumentException("ZooKeeper connect string '" + connectString
                    + "' names no server (expected: host:port[,host:port…][/chroot])");
        }
        for (String server : hosts.split(",", -1)) {
            int colon = server.lastIndexOf(':');
            if (colon <= 0 || !server.substring(colon + 1).matches("[0-9]{1,5}")) {
                throw new IllegalArgumentException("ZooKeeper connect string '" + connectString + "': '" + server
                        + "' is not host:port (expected: host:port[,host:port…][/chroot])");
            }
        }
        return new NamingConfig(connectString, 0, null, "/parley", null, null, Duration.ofSeconds(15),
                Duration.ofSeconds(10));
    }

    /** Under which ZooKeeper path Parley keeps its nodes; default {@code /parley}. */
    public NamingConfig root(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.matches("(/[A-Za-z0-9._-]+)+")) {
            throw new IllegalArgumentException("naming root '" + path
                    + "' (expected: an absolute ZooKeeper path like /parley or /apps/parley)");
        }
        return new NamingConfig(connectString, embeddedPort, dataDirectory, path, user, password, sessionTimeout,
                connectTimeout);
    }

    /**
     * Digest credentials: this Orb authenticates with them, and the nodes it creates can then be changed only by
     * processes with the same credentials (everyone may read, so lookups need none).
     */
    public NamingConfig credentials(String user, String password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        return new NamingConfig(connectString, embeddedPort, dataDirectory, root, user, password, sessionTimeout,
                connectTimeout);
    }

    /**
     * The ZooKeeper session timeout; default 15 s. After a process dies its bindings disappear when its session
     * expires (proxies stop using a dead replica sooner: at its first refused connection).
     */
    public NamingConfig sessionTimeout(Duration timeout) {
        return new NamingConfig(connectString, embeddedPort, dataDirectory, root, user, password,
                positive(timeout, "sessionTimeout"), connectTimeout);
    }

    /**
     * How long naming operations wait for ZooKeeper before failing with {@link UnavailableException}; default 10 s.
     * Also bounds how long an Orb waits at its first use of naming while ZooKeeper is down.
     */
    public NamingConfig connectTimeout(Duration timeout) {
        return new NamingConfig(connectString, embeddedPort, dataDirectory, root, user, password, sessionTimeout,
                positive(timeout, "connectTimeout"));
    }

    /** Where the embedded ZooKeeper keeps its data (kept after close); default a temporary folder, deleted. */
    public NamingConfig dataDirectory(Path directory) {
        return new NamingConfig(connectString, embeddedPort, Objects.requireNonNull(directory, "directory"), root,
                user, password, sessionTimeout, connectTimeout);
    }

    /** Whether this is the embedded ZooKeeper. */
    public boolean isEmbedded() {
        return connectString == null;
    }

    /** The connect string: the ensemble's, or {@code 127.0.0.1:port} for the embedded ZooKeeper. */
    public String connectString() {
        return connectString != null ? connectString : "127.0.0.1:" + embeddedPort;
    }

    /** The embedded ZooKeeper's port; 0 for an ensemble. */
    public int embeddedPort() {
        return embeddedPort;
    }

    public Optional<Path> dataDirectory() {
        return Optional.ofNullable(dataDirectory);
    }

    public String root() {
        return root;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    @Override
    public String toString() {
        return (isEmbedded() ? "embedded ZooKeeper at " : "ZooKeeper at ") + connectString() + root
                + (user == null ? "" : " as " + user);
    }

    private static Duration positive(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + ": " + value + " (expected: positive)");
        }
        return value;
    }
}
