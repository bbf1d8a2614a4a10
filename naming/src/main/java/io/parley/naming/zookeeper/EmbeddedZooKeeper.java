package io.parley.naming.zookeeper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, single-node ZooKeeper server inside this process, on a loopback port: the naming default, so that examples
 * and tests run with no installation. Started only when nothing listens on the port yet: the first Parley process on
 * the host hosts it, the others connect to it.
 */
final class EmbeddedZooKeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedZooKeeper.class);
    private static final int TICK_MILLIS = 2000;
    private static final int MAX_CLIENT_CONNECTIONS = 1000;

    private final ServerCnxnFactory factory;
    private final ZooKeeperServer server;
    private final Path directory;
    private final boolean temporary;

    private EmbeddedZooKeeper(ServerCnxnFactory factory, ZooKeeperServer server, Path directory, boolean temporary) {
        this.factory = factory;
        this.server = server;
        this.directory = directory;
        this.temporary = temporary;
    }

    /**
     * Starts a server on {@code 127.0.0.1:port}, or returns empty when the port is taken (by another process's
     * embedded ZooKeeper, presumably: connecting will tell).
     */
    static Optional<EmbeddedZooKeeper> startIfAbsent(int port, Optional<Path> dataDirectory) {
        ServerCnxnFactory factory;
        try {
            factory = ServerCnxnFactory.createFactory();
            factory.configure(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), MAX_CLIENT_CONNECTIONS);
        } catch (BindException e) {
            log.debug("127.0.0.1:{} is taken: using the ZooKeeper there", port);
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded ZooKeeper on 127.0.0.1:" + port, e);
        }
        Path directory = null;
        try {
            directory = dataDirectory.isPresent() ? Files.createDirectories(dataDirectory.get())
                    : Files.createTempDirectory("parley-zookeeper-");
            ZooKeeperServer server = new ZooKeeperServer(directory.toFile(), directory.toFile(), TICK_MILLIS);
            factory.startup(server);
            log.info("started the embedded ZooKeeper on 127.0.0.1:{} (data in {})", port, directory);
            return Optional.of(new EmbeddedZooKeeper(factory, server, directory, dataDirectory.isEmpty()));
        } catch (IOException | InterruptedException | RuntimeException | LinkageError e) {
            // LinkageError: a ZooKeeper server dependency missing from the class path; still clean up.
            factory.shutdown();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (directory != null && dataDirectory.isEmpty()) {
                deleteQuietly(directory);
            }
            throw new IllegalStateException("cannot start the embedded ZooKeeper on 127.0.0.1:" + port + ": " + e, e);
        }
    }

    @Override
    public void close() {
        factory.shutdown();
        server.shutdown();
        if (temporary) {
            deleteQuietly(directory);
        }
        log.info("stopped the embedded ZooKeeper (data in {}{})", directory, temporary ? ", deleted" : "");
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete the embedded ZooKeeper's folder {}: {}", directory, e.toString());
        }
    }
}
