package io.parley.bench.idle;

import io.parley.bench.ServerLauncher;
import io.parley.bench.ServerProcess;
import io.parley.bench.parley.ParleyServer;
import io.parley.transport.shm.ShmSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 5's idle target: the CPU an idle shared-memory connection costs once its spin budget has run out, beside an
 * idle TCP connection, each JVM beside one that has no connection (whose CPU is the JVM's and the Orb's own
 * housekeeping).
 *
 * <p>Six JVMs, all started before anything is measured and then measured over the same window, so that a burst of
 * other work on the machine falls on all of them: three servers ({@link ParleyServer}, executor servant, TCP and
 * shared memory offered as by default) and three {@link IdleClient}s: one connects nowhere (with the server nobody
 * connects to, the baseline), one connects over TCP and one over shared memory, each making one call. After a settling
 * time, each JVM's CPU time is read at the start and end of the window.
 */
public final class IdleCpuExperiment {

    /** After the last JVM start, before the window: startup compilation and the spin budget are over by then. */
    public static final Duration SETTLE = Duration.ofSeconds(3);
    private static final List<String> SETUPS = List.of("baseline", "tcp", "shm");
    private static final int BUSIEST = 3;

    private final ServerLauncher launcher;
    private final Duration window;

    public IdleCpuExperiment(ServerLauncher launcher, Duration window) {
        this.launcher = launcher;
        this.window = window;
    }

    /** Runs it; never throws (a failure is in the result). */
    public IdleCpuResult run() {
        Map<String, ServerProcess> jvms = new LinkedHashMap<>();
        try {
            for (String setup : SETUPS) {
                jvms.put("server " + setup, launcher.start("idle-server-" + setup, ParleyServer.class, List.of(),
                        List.of("executor")));
            }
            for (String setup : SETUPS) {
                List<String> arguments = setup.equals("baseline") ? List.of("none")
                        : List.of(setup, jvms.get("server " + setup).readyValue());
                jvms.put("client " + setup, launcher.start("idle-client-" + setup, IdleClient.class, List.of(),
                        arguments));
            }
            Thread.sleep(SETTLE.toMillis());
            boolean shmMapped = mapsSharedMemory(jvms.get("client shm").pid());
            boolean tcpMapped = mapsSharedMemory(jvms.get("client tcp").pid());

            Map<String, CpuSnapshot> before = new LinkedHashMap<>();
            jvms.forEach((name, process) -> before.put(name, CpuSnapshot.of(process.pid())));
            long start = System.nanoTime();
            Thread.sleep(window.toMillis());
            Map<String, CpuSnapshot> after = new LinkedHashMap<>();
            jvms.forEach((name, process) -> after.put(name, CpuSnapshot.of(process.pid())));
            long windowNanos = System.nanoTime() - start;

            List<IdleCpuResult.Jvm> measured = new ArrayList<>();
            for (String name : jvms.keySet()) {
                String[] roleAndSetup = name.split(" ");
                measured.add(new IdleCpuResult.Jvm(roleAndSetup[0], roleAndSetup[1],
                        after.get(name).totalNanos() - before.get(name).totalNanos(),
                        threadsUsed(before.get(name), after.get(name)).values().stream().mapToLong(Long::longValue).sum(),
                        busiest(before.get(name), after.get(name))));
            }
            return new IdleCpuResult(windowNanos, measured, shmMapped, tcpMapped, loadAverage(), null);
        } catch (Exception | LinkageError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new IdleCpuResult(0, List.of(), false, false, loadAverage(), e.toString());
        } finally {
            // Clients first, so that the servers see orderly closes.
            List<ServerProcess> reversed = new ArrayList<>(jvms.values());
            java.util.Collections.reverse(reversed);
            reversed.forEach(ServerProcess::stop);
        }
    }

    /** Per thread alive at the end ("tid name"): its CPU time in the window (all of it if it started in it). */
    private static Map<String, Long> threadsUsed(CpuSnapshot before, CpuSnapshot after) {
        Map<String, Long> used = new LinkedHashMap<>();
        after.threadNanos().forEach((thread, nanos) ->
                used.put(thread, nanos - before.threadNanos().getOrDefault(thread, 0L)));
        return used;
    }

    /** The threads that used most CPU between the two snapshots, as "name ms". */
    private static List<String> busiest(CpuSnapshot before, CpuSnapshot after) {
        Map<String, Long> used = new LinkedHashMap<>();
        // Named without the tid: the JVM's threads are named, and several of one kind read better summed.
        threadsUsed(before, after).forEach((thread, nanos) ->
                used.merge(thread.substring(thread.indexOf(' ') + 1), nanos, Long::sum));
        return used.entrySet().stream().filter(entry -> entry.getValue() >= 100_000)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(BUSIEST)
                .map(entry -> String.format(Locale.ROOT, "%s %.1f", entry.getKey(), entry.getValue() / 1e6))
                .toList();
    }

    /** Whether the process maps a file of the shared-memory directory: a ring of a shared-memory connection. */
    private static boolean mapsSharedMemory(long pid) throws IOException {
        String directory = ShmSettings.fromSystemProperties().directory().toString();
        Path maps = Path.of("/proc", Long.toString(pid), "maps");
        return Files.isReadable(maps) && Files.readAllLines(maps, StandardCharsets.US_ASCII).stream()
                .anyMatch(line -> line.contains(directory + "/"));
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
