package io.parley.bench.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bench.ServerLauncher;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The idle-CPU experiment with a short window: what it measures is the shared machine's business, so this checks
 * that it measures the right things: six JVMs, the shared-memory client really on shared memory, the TCP one not.
 */
@Timeout(120)
@EnabledOnOs(OS.LINUX)
class IdleCpuExperimentTest {

    @TempDir
    Path logs;

    @Test
    void measuresSixJvmsOverTheWindowWithTheRightConnections() throws Exception {
        IdleCpuResult result;
        try (ServerLauncher launcher = new ServerLauncher(logs)) {
            result = new IdleCpuExperiment(launcher, Duration.ofSeconds(1)).run();
        }
        assertNull(result.failure());
        assertEquals(6, result.jvms().size());
        assertTrue(result.windowNanos() >= Duration.ofSeconds(1).toNanos());
        for (IdleCpuResult.Jvm jvm : result.jvms()) {
            assertTrue(jvm.cpuNanos() >= 0 && jvm.threadNanos() >= 0, jvm.toString());
        }
        if (Files.isDirectory(Path.of("/dev/shm"))) {
            assertTrue(result.shmMapped(), "the shm client has no ring mapped: it is not on shared memory");
        }
        assertFalse(result.tcpMapped(), "the tcp client has a ring mapped");
    }

    @Test
    void cpuSnapshotSeesThisThreadWorking() {
        long pid = ProcessHandle.current().pid();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CpuSnapshot before = CpuSnapshot.of(pid);
        // 50 ms of this thread's own CPU time, however busy the machine (bounded by the test's timeout).
        long start = threads.getCurrentThreadCpuTime();
        long sink = 0;
        while (threads.getCurrentThreadCpuTime() - start < Duration.ofMillis(50).toNanos()) {
            sink += System.nanoTime() & 1;
        }
        CpuSnapshot after = CpuSnapshot.of(pid);
        assertTrue(sink >= 0);
        long used = after.threadNanos().entrySet().stream()
                .mapToLong(thread -> thread.getValue() - before.threadNanos().getOrDefault(thread.getKey(), 0L)).sum();
        assertTrue(used >= Duration.ofMillis(45).toNanos(), "the threads' sum grew by " + used + " ns");
        assertTrue(after.totalNanos() >= before.totalNanos());
    }
}
