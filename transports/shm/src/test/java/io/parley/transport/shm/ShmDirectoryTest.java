package io.parley.transport.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Endpoint;
import io.parley.UnavailableException;
import io.parley.spi.transport.Transport;
import io.parley.spi.transport.TransportSettings;
import io.parley.testing.RecordingFrameHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The private directory: created private, checked, swept of stale files; unusable ones fail clearly. */
@Timeout(30)
class ShmDirectoryTest {
    @TempDir
    Path base;

    private ShmTransport transport(Path directory) {
        return new ShmTransport(TransportSettings.defaults(), ShmSettings.defaults().withDirectory(directory));
    }

    @Test
    void privateDirectoryIsCreatedWithMode700() throws IOException {
        try (ShmTransport transport = transport(base)) {
            Path directory = transport.directory();
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
        }
    }

    @Test
    void staleFilesOfDeadProcessesAreRemovedAtStartAndLiveOnesKept() throws Exception {
        long dead = deadPid();
        long live = ProcessHandle.current().pid();
        Path directory = base.resolve("parley-" + System.getProperty("user.name"));
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path staleRing = Files.createFile(directory.resolve("c" + dead + "-1.ring"));
        Files.setLastModifiedTime(staleRing, FileTime.from(Instant.now().minusSeconds(60)));
        Path staleSocket = Files.createFile(directory.resolve("s4242-" + dead + ".sock"));
        Path liveRing = Files.createFile(directory.resolve("c" + live + "-1.ring"));
        Files.setLastModifiedTime(liveRing, FileTime.from(Instant.now().minusSeconds(60)));
        try (ShmTransport transport = transport(base)) {
            transport.directory();
            assertFalse(Files.exists(staleRing), "connection file of a dead process");
            assertFalse(Files.exists(staleSocket), "listener socket of a dead process");
            assertTrue(Files.exists(liveRing), "files of live processes stay");
        } finally {
            Files.deleteIfExists(liveRing);
        }
    }

    @Test
    void missingDirectoryFailsWithUnavailableNamingIt() {
        Path missing = base.resolve("no-such-directory");
        assertUnusable(missing, missing.toString());
    }

    @Test
    void fileInsteadOfADirectoryFailsWithUnavailableNamingIt() throws IOException {
        Path file = Files.createFile(base.resolve("a-file"));
        assertUnusable(file, file.toString());
    }

    @Test
    void directoryOthersCanReadFailsWithUnavailableNamingIt() throws IOException {
        Path directory = base.resolve("parley-" + System.getProperty("user.name"));
        Files.createDirectory(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertUnusable(base, directory.toString());
    }

    @Test
    void unwritableDirectoryFailsWithUnavailableNamingIt() {
        // /proc refuses new entries even to root, which any mode would let through.
        Path proc = Path.of("/proc/self");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(proc));
        assertUnusable(proc, proc.toString());
    }

    private void assertUnusable(Path directory, String named) {
        try (Transport transport = transport(directory)) {
            UnavailableException listen = assertThrows(UnavailableException.class,
                    () -> transport.listen("127.0.0.1", 0, RecordingFrameHandler.recording()));
            assertTrue(listen.getMessage().contains(named), listen.getMessage());
            Throwable connect = assertThrows(java.util.concurrent.CompletionException.class,
                    () -> transport.connect(new Endpoint(ShmTransport.NAME, "127.0.0.1", 1),
                            RecordingFrameHandler.recording()).join()).getCause();
            assertTrue(connect instanceof UnavailableException && connect.getMessage().contains(named),
                    String.valueOf(connect));
        }
    }

    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }
}
