package io.parley.it;

import io.parley.Endpoint;
import io.parley.Orb;
import io.parley.RemoteRef;
import io.parley.spi.transport.Transport;
import io.parley.spi.transport.TransportProvider;
import io.parley.spi.transport.TransportSettings;
import io.parley.testing.JavaProcess;
import io.parley.transport.shm.ShmSettings;
import io.parley.transport.shm.ShmTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** What the shared-memory tests share: test directories, server JVMs, client Orbs, and evidence of shm use. */
final class SharedMemoryFixtures {
    private SharedMemoryFixtures() {
    }

    /** A fresh base directory for one test class's shm files, on tmpfs where there is one. */
    static Path newShmBase() {
        try {
            Path shm = Path.of("/dev/shm");
            return Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "parley-it-")
                    : Files.createTempDirectory("parley-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a test directory and everything in it. */
    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@link SharedMemoryServer} JVM whose shared memory lives under {@code base}. */
    static JavaProcess startServer(Path base, String... jvmOptions) {
        List<String> options = new ArrayList<>(List.of("-Dparley.shm.dir=" + base));
        options.addAll(List.of(jvmOptions));
        return JavaProcess.start(options, SharedMemoryServer.class);
    }

    /** The server's reference printed after {@code prefix} ({@code SHOP } or {@code BLOBS }). */
    static RemoteRef awaitRef(JavaProcess server, String prefix) {
        return RemoteRef.parse(server.awaitValue(prefix, Duration.ofSeconds(30)));
    }

    /** A client Orb whose shared memory lives under {@code base}, as the servers' do. */
    static Orb client(String name, Path base) {
        return Orb.builder().name(name).sharedMemoryTransport(shmUnder(base)).build();
    }

    static TransportProvider shmUnder(Path base) {
        return new TransportProvider() {
            @Override
            public String name() {
                return ShmTransport.NAME;
            }

            @Override
            public Transport create(TransportSettings settings) {
                return new ShmTransport(settings, ShmSettings.defaults().withDirectory(base));
            }
        };
    }

    /**
     * How many shared-memory connection files under {@code base} process {@code pid} has mapped: each shm connection
     * maps one (unlinked after the handshake, so it shows as deleted), and a TCP connection none. Read from
     * {@code /proc/<pid>/maps}, which a test can trust to be independent of Parley.
     */
    static long ringMappings(long pid, Path base) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "maps"))) {
            String prefix = base.toAbsolutePath() + "/";
            return lines.filter(line -> line.contains(prefix) && line.contains(".ring")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ref} with its shared-memory endpoint changed by {@code change}. */
    static RemoteRef withShm(RemoteRef ref, java.util.function.UnaryOperator<Endpoint> change) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Endpoint endpoint : ref.endpoints()) {
            endpoints.add(endpoint.transport().equals(Endpoint.SHM) ? change.apply(endpoint) : endpoint);
        }
        return ref.withEndpoints(endpoints);
    }

    /** The shared-memory endpoint of {@code ref}. */
    static Endpoint shmEndpoint(RemoteRef ref) {
        return ref.endpoints().stream().filter(e -> e.transport().equals(Endpoint.SHM)).findFirst()
                .orElseThrow(() -> new AssertionError(ref + " has no shared-memory endpoint"));
    }

    /**
     * Copies what this JVM writes to standard error (where slf4j-simple logs, at WARN and above in the build) while
     * open, and still lets it through.
     */
    static final class StderrCapture implements AutoCloseable {
        private final PrintStream original = System.err;
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

        StderrCapture() {
            OutputStream tee = new OutputStream() {
                @Override
                public void write(int b) {
                    synchronized (copy) {
                        copy.write(b);
                    }
                    original.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    synchronized (copy) {
                        copy.write(b, off, len);
                    }
                    original.write(b, off, len);
                }
            };
            System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
        }

        /** The captured lines that contain {@code text}. */
        List<String> lines(String text) {
            String all;
            synchronized (copy) {
                all = copy.toString(StandardCharsets.UTF_8);
            }
            return all.lines().filter(line -> line.contains(text)).toList();
        }

        @Override
        public void close() {
            System.setErr(original);
        }
    }
}
