package io.parley.transport.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.UnavailableException;
import io.parley.spi.transport.TransportSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The host identity that the Orb puts into shm endpoints and compares to choose shared memory. */
@Timeout(30)
class ShmHostIdentityTest {
    @TempDir
    Path base;

    @Test
    void transportsOnOneDirectoryReportTheSameIdentity() {
        try (ShmTransport one = transport(base); ShmTransport two = transport(base)) {
            String identity = one.hostIdentity().orElseThrow();
            assertTrue(identity.matches("[0-9a-f]{16}"), identity);
            assertEquals(identity, two.hostIdentity().orElseThrow());
        }
    }

    @Test
    void anotherDirectoryIsAnotherIdentityBecauseTheProcessesCouldNotMeet() throws Exception {
        Path other = Files.createDirectory(base.resolve("other"));
        try (ShmTransport one = transport(base); ShmTransport two = transport(other)) {
            assertNotEquals(one.hostIdentity().orElseThrow(), two.hostIdentity().orElseThrow());
        }
    }

    @Test
    void unusableDirectoryHasNoIdentityAndSaysWhy() {
        Path missing = base.resolve("missing");
        try (ShmTransport transport = transport(missing)) {
            UnavailableException e = assertThrows(UnavailableException.class, transport::hostIdentity);
            assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        }
    }

    private static ShmTransport transport(Path directory) {
        return new ShmTransport(TransportSettings.defaults(), ShmSettings.defaults().withDirectory(directory));
    }
}
