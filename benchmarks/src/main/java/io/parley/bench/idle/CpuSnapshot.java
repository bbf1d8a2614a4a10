package io.parley.bench.idle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU time a process has used so far: in total ({@code ProcessHandle.info().totalCpuDuration()}, user + system,
 * every thread including those that have ended; clock-tick resolution, 10 ms on Linux) and per live thread
 * (nanoseconds on CPU from {@code /proc/<pid>/task/<tid>/schedstat}, named by {@code comm}), to say which threads
 * used it.
 *
 * @param totalNanos   the process's CPU time
 * @param threadNanos  CPU time per live thread, keyed by "tid name"
 */
record CpuSnapshot(long totalNanos, Map<String, Long> threadNanos) {

    static CpuSnapshot of(long pid) {
        long total = ProcessHandle.of(pid).flatMap(handle -> handle.info().totalCpuDuration())
                .map(Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("no CPU time for process " + pid
                        + " (gone, or not readable on this OS)"));
        return new CpuSnapshot(total, threads(pid));
    }

    /** Per thread: schedstat's first field. Empty where /proc has no schedstat (not Linux). */
    private static Map<String, Long> threads(long pid) {
        Map<String, Long> threads = new HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return threads;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tasks)) {
            for (Path task : entries) {
                try {
                    String schedstat = Files.readString(task.resolve("schedstat"), StandardCharsets.US_ASCII).trim();
                    String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).trim();
                    threads.put(task.getFileName() + " " + name, Long.parseLong(schedstat.split(" ")[0]));
                } catch (IOException | RuntimeException threadEnded) {
                    // The thread ended while listing: its time is in the total only.
                }
            }
        } catch (IOException e) {
            // The process ended: the total above says what it used.
        }
        return threads;
    }
}
