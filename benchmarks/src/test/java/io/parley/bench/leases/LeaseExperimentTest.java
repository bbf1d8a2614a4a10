package io.parley.bench.leases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bench.ServerLauncher;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The lease experiment, small, against its two real JVMs. */
@Timeout(120)
class LeaseExperimentTest {

    @TempDir
    Path logs;

    @Test
    void callbackObjectsPassedAndDroppedLeaveTheExportTablesAtTheirBaselines() throws Exception {
        LeaseResult result;
        try (ServerLauncher launcher = new ServerLauncher(logs)) {
            result = new LeaseExperiment(launcher, 3_000, Duration.ofMillis(300)).run();
        }
        assertNull(result.failure());
        assertEquals(3_000, result.callbacks());
        assertTrue(result.clientPeak().exports() > result.clientBaseline().exports(),
                "the listeners were exported by the client while leased: " + result);
        assertEquals(result.clientBaseline().exports(), result.clientAfter().exports(), result.toString());
        assertEquals(result.serverBaseline().exports(), result.serverAfter().exports(), result.toString());
        assertEquals(result.serverBaseline().exports(), result.serverPeak().exports(),
                "the server exports nothing per callback: " + result);
        assertTrue(result.drainNanos() >= 0, result.toString());
        assertTrue(result.clientAfter().collected() && result.clientAfter().heapBytes() > 0, result.toString());
    }
}
