package io.parley.bench;

import io.parley.bench.idle.IdleCpuResult;
import io.parley.bench.leases.Footprint;
import io.parley.bench.leases.LeaseResult;
import io.parley.bench.naming.FailoverResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/** Turns the results into the markdown report and the CSV file. */
final class Report {

    /** Issue 3's target for calls/s through a name-bound proxy over 3 replicas, relative to a direct reference. */
    static final double TARGET_NAMING_RATIO = 0.95;

    private final BenchOptions options;
    private final List<CaseResult> results;
    private final FailoverResult failover;
    private final LeaseResult leases;
    private final IdleCpuResult idle;
    private final MachineInfo machine;
    private final ZonedDateTime started;
    private final String loadAtStart;
    private final String loadAtEnd;
    private final String command;

    /** {@code failover}, {@code leases} and {@code idle} are null when that experiment did not run. */
    Report(BenchOptions options, List<CaseResult> results, FailoverResult failover, LeaseResult leases,
            IdleCpuResult idle, MachineInfo machine, ZonedDateTime started, String loadAtStart, String loadAtEnd,
            String command) {
        this.options = options;
        this.results = List.copyOf(results);
        this.failover = failover;
        this.leases = leases;
        this.idle = idle;
        this.machine = machine;
        this.started = started;
        this.loadAtStart = loadAtStart;
        this.loadAtEnd = loadAtEnd;
        this.command = command;
    }

    /** Writes {@code latest.md} and {@code latest.csv} and returns the markdown. */
    String write(Path directory) throws IOException {
        Files.createDirectories(directory);
        String markdown = markdown();
        Files.writeString(directory.resolve("latest.md"), markdown, StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("latest.csv"), csv(), StandardCharsets.UTF_8);
        return markdown;
    }

    /** One row per case; {@code failed_calls} only on the failover rows (elsewhere one failed call fails the case). */
    String csv() {
        StringBuilder csv = new StringBuilder("case,callers,p50_us,p99_us,p999_us,calls_per_s,failed_calls\n");
        for (CaseResult result : results) {
            csv.append(result.caseName()).append(',').append(result.callers()).append(',')
                    .append(csvNumber(result.p50Micros(), 1)).append(',')
                    .append(csvNumber(result.p99Micros(), 1)).append(',')
                    .append(csvNumber(result.p999Micros(), 1)).append(',')
                    .append(csvNumber(result.callsPerSecond(), 0)).append(",\n");
        }
        if (failover != null) {
            failoverRow(csv, "failover/recovery", failover.recovery());
            failoverRow(csv, "failover/longest-call", failover.longestCall());
        }
        return csv.toString();
    }

    /** Percentiles in µs like the other rows; empty when the case failed (the markdown says why). */
    private void failoverRow(StringBuilder csv, String name, Histogram histogram) {
        boolean ok = failover.ok() && histogram.getTotalCount() > 0;
        csv.append(name).append(',').append(failover.callers()).append(',')
                .append(ok ? csvNumber(histogram.getValueAtPercentile(50) / 1e3, 1) : "").append(',')
                .append(ok ? csvNumber(histogram.getValueAtPercentile(99) / 1e3, 1) : "").append(',')
                .append(ok ? csvNumber(histogram.getValueAtPercentile(99.9) / 1e3, 1) : "").append(',')
                .append(ok ? csvNumber(failover.callsPerSecond(), 0) : "").append(',')
                .append(failover.failedCalls()).append('\n');
    }

    String markdown() {
        int maxCallers = options.callerCounts().stream().mapToInt(Integer::intValue).max().orElse(1);
        StringBuilder md = new StringBuilder();
        md.append("## Round trips on loopback, server in a separate JVM\n\n");
        md.append("- date: ").append(started.withZoneSameInstant(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))).append('\n');
        md.append("- machine: ").append(machine.cores()).append(" cores (availableProcessors), ")
                .append(machine.cpu()).append(", ").append(machine.os()).append('\n');
        md.append("- JVM: ").append(machine.jvm()).append(", the same java for client and servers, servers with -Xmx512m\n");
        md.append("- load average (1/5/15 min) at start: ").append(loadAtStart).append(", at end: ").append(loadAtEnd)
                .append('\n');
        md.append("- command: `").append(command).append("`\n");
        md.append("- timing: a warm-up round of ").append(seconds(options.warmupRound()))
                .append(" s per system; then each case measured for ").append(seconds(options.measure()))
                .append(" s per system, in ").append(options.rounds()).append(options.rounds() == 1 ? " slice" : " slices")
                .append(" of ").append(seconds(options.slice())).append(" s interleaved across systems, each after ")
                .append(seconds(options.warmup())).append(" s of warm-up; latency of every call started in a window "
                        + "(HdrHistogram)\n\n");

        if (!options.roundTripSystems().isEmpty()) {
            appendRoundTrips(md, maxCallers);
        }
        if (results.stream().anyMatch(result -> SHARED_MEMORY_ROWS.contains(result.system()) && !result.system()
                .equals("parley-nonblocking"))) {
            appendSharedMemory(md);
        }
        if (results.stream().anyMatch(result -> result.operation().callback())) {
            appendCallbacks(md);
        }
        if (options.naming()) {
            appendNaming(md);
        }
        if (failover != null) {
            appendFailover(md);
        }
        if (leases != null) {
            appendLeases(md);
        }
        if (idle != null) {
            appendIdle(md);
        }
        appendFailures(md);
        return md.toString();
    }

    private void appendRoundTrips(StringBuilder md, int maxCallers) {
        md.append("### Latency of sequential calls, 1 caller (µs)\n\n");
        md.append("| system | add p50 | add p99 | add p99.9 | echo 64 B p50 | echo 64 B p99 | echo 64 B p99.9 |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|\n");
        for (String system : options.roundTripSystems()) {
            md.append("| ").append(system);
            for (Operation operation : List.of(Operation.ADD, Operation.ECHO64)) {
                Optional<CaseResult> result = find(system, operation, 1);
                md.append(" | ").append(micros(result, CaseResult::p50Micros))
                        .append(" | ").append(micros(result, CaseResult::p99Micros))
                        .append(" | ").append(micros(result, CaseResult::p999Micros));
            }
            md.append(" |\n");
        }

        md.append("\n### Throughput of `add` (calls/s)\n\nCaller threads in the client JVM share one stub or proxy "
                + "(raw: a connection each); the 1-caller column is the sequential `add` case above.\n\n");
        md.append("| system |");
        options.callerCounts().forEach(count -> md.append(' ').append(count).append(count == 1 ? " caller |" : " callers |"));
        md.append(" p50 µs at ").append(maxCallers).append(" | p99 µs at ").append(maxCallers).append(" |\n|---|");
        options.callerCounts().forEach(count -> md.append("--:|"));
        md.append("--:|--:|\n");
        for (String system : options.roundTripSystems()) {
            md.append("| ").append(system);
            for (int count : options.callerCounts()) {
                md.append(" | ").append(rate(find(system, Operation.ADD, count)));
            }
            Optional<CaseResult> busiest = find(system, Operation.ADD, maxCallers);
            md.append(" | ").append(micros(busiest, CaseResult::p50Micros))
                    .append(" | ").append(micros(busiest, CaseResult::p99Micros)).append(" |\n");
        }

        appendRatios(md, maxCallers);
    }

    /**
     * The callback cases (issue 4): a call that passes the caller's listener by reference, which the server calls
     * back once; the same listener on every call, or a new one per call (an export, a lease and its release each).
     */
    private void appendCallbacks(StringBuilder md) {
        int maxCallers = options.callerCounts().stream().mapToInt(Integer::intValue).max().orElse(1);
        List<String> systems = results.stream().filter(result -> result.operation().callback())
                .map(CaseResult::system).distinct().toList();
        md.append("\n### Callbacks: a call passing a listener by reference, called back once (µs, calls/s)\n\n")
                .append("`callBack(listener, i)`: the server calls `listener.onValue(i)` once and returns its answer "
                        + "(checked). Parley: the listener is exported implicitly by the client and called back over "
                        + "the client's own connection; the server releases its proxy (`Orb.release`) after the "
                        + "call. RMI: the listener is exported with `UnicastRemoteObject.exportObject` in the client "
                        + "JVM and the server connects back to it. *same*: one listener per caller thread, passed on "
                        + "every call (the call path); *new*: a new listener per call (Parley: implicit export, lease, "
                        + "release; RMI: `exportObject` before and `unexportObject` after each call).\n\n");
        md.append("| system | add p50 | same p50 | same p99 | same calls/s | new p50 | new p99 | new calls/s | same calls/s at ")
                .append(maxCallers).append(" | same p50 at ").append(maxCallers).append(" |\n")
                .append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (String system : systems) {
            Optional<CaseResult> same = find(system, Operation.CALLBACK, 1);
            Optional<CaseResult> fresh = find(system, Operation.CALLBACK_NEW, 1);
            Optional<CaseResult> busy = find(system, Operation.CALLBACK, maxCallers);
            md.append("| ").append(system)
                    .append(" | ").append(micros(find(system, Operation.ADD, 1), CaseResult::p50Micros))
                    .append(" | ").append(micros(same, CaseResult::p50Micros))
                    .append(" | ").append(micros(same, CaseResult::p99Micros))
                    .append(" | ").append(rate(same))
                    .append(" | ").append(micros(fresh, CaseResult::p50Micros))
                    .append(" | ").append(micros(fresh, CaseResult::p99Micros))
                    .append(" | ").append(rate(fresh))
                    .append(" | ").append(maxCallers > 1 ? rate(busy) : "n/a")
                    .append(" | ").append(maxCallers > 1 ? micros(busy, CaseResult::p50Micros) : "n/a").append(" |\n");
        }
        List<String> parleys = systems.stream().filter(system -> system.startsWith("parley")).toList();
        if (parleys.isEmpty() || !systems.contains("rmi")) {
            return;
        }
        md.append("\n| ratio to RMI (latency: lower is better; throughput: higher is better) |");
        parleys.forEach(system -> md.append(' ').append(system).append(" |"));
        md.append("\n|---|");
        parleys.forEach(system -> md.append("--:|"));
        md.append('\n');
        ratioRow(md, parleys, "p50 callback, same listener", "rmi", Operation.CALLBACK, 1, CaseResult::p50Micros);
        ratioRow(md, parleys, "p50 callback, new listener per call", "rmi", Operation.CALLBACK_NEW, 1,
                CaseResult::p50Micros);
        ratioRow(md, parleys, "calls/s, new listener per call", "rmi", Operation.CALLBACK_NEW, 1,
                CaseResult::callsPerSecond);
        if (maxCallers > 1) {
            ratioRow(md, parleys, "calls/s at " + maxCallers + " callers, same listener", "rmi", Operation.CALLBACK,
                    maxCallers, CaseResult::callsPerSecond);
        }
    }

    private void appendNaming(StringBuilder md) {
        md.append("\n### Naming: `add` through a name-bound proxy over 3 replicas vs a direct reference\n\n")
                .append("Both proxies in one client Orb, shared by the caller threads: `naming().lookup(name)` (round robin "
                        + "over 3 replica JVMs bound under one name) and `connect(ref)` to the first replica; slices "
                        + "interleaved. Target: ratio (name-bound / direct) ≥ ").append(TARGET_NAMING_RATIO)
                .append(". For diagnosis, *spread*: the caller itself rotates over three `connect(ref)` proxies, one "
                        + "per replica (the same spread over 3 server JVMs, without naming).\n\n");
        md.append("| callers | direct calls/s | name-bound calls/s | ratio | spread calls/s | spread / direct "
                + "| direct p50 µs | name-bound p50 µs | direct p99 µs | name-bound p99 µs |\n"
                + "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        boolean met = true;
        for (int count : options.callerCounts()) {
            Optional<CaseResult> direct = find("naming-direct", Operation.ADD, count);
            Optional<CaseResult> named = find("naming", Operation.ADD, count);
            Optional<CaseResult> spread = find("naming-spread", Operation.ADD, count);
            String ratio = "n/a";
            if (direct.isPresent() && named.isPresent()) {
                double value = named.get().callsPerSecond() / direct.get().callsPerSecond();
                ratio = String.format(Locale.ROOT, "%.2f", value);
                met &= value >= TARGET_NAMING_RATIO;
            } else {
                met = false;
            }
            md.append("| ").append(count).append(" | ").append(rate(direct)).append(" | ").append(rate(named))
                    .append(" | ").append(ratio)
                    .append(" | ").append(rate(spread)).append(" | ").append(spread.isPresent() && direct.isPresent()
                            ? String.format(Locale.ROOT, "%.2f", spread.get().callsPerSecond()
                                    / direct.get().callsPerSecond()) : "n/a")
                    .append(" | ").append(micros(direct, CaseResult::p50Micros))
                    .append(" | ").append(micros(named, CaseResult::p50Micros))
                    .append(" | ").append(micros(direct, CaseResult::p99Micros))
                    .append(" | ").append(micros(named, CaseResult::p99Micros)).append(" |\n");
        }
        md.append("\nTarget (≥ ").append(TARGET_NAMING_RATIO).append(" at every caller count): ")
                .append(met ? "**met**" : "**missed**").append(".\n");
    }

    private void appendFailover(StringBuilder md) {
        FailoverResult f = failover;
        md.append("\n### Failover: kill -9 of one of 3 replicas under ").append(f.callers()).append(" callers\n\n")
                .append(f.callers()).append(" threads call the `@Idempotent` `replicaId()` through one name-bound proxy "
                        + "without pause; after ").append(seconds(options.beforeKill())).append(" s one replica JVM "
                        + "gets SIGKILL (`destroyForcibly`), the callers go on for ")
                .append(seconds(options.afterKill())).append(" s; then the replica is restarted and the next round "
                        + "waits until exactly the 3 live replicas are bound and answer. ")
                .append(f.rounds()).append(" of ").append(options.failoverRounds()).append(" rounds done; ")
                .append(String.format(Locale.ROOT, "%,.0f", f.callsPerSecond()))
                .append(" successful calls/s while calling. Target: p99 of the recovery ≤ ")
                .append(String.format(Locale.ROOT, "%.0f", FailoverResult.TARGET_P99_MILLIS))
                .append(" ms, and no failed call.\n\n");
        md.append("| per caller and round (ms) | samples | p50 | p99 | max |\n|---|--:|--:|--:|--:|\n");
        failoverLine(md, "recovery: from the kill to its first successful call answered by another replica",
                f.recovery());
        failoverLine(md, "longest call that ended after the kill", f.longestCall());
        md.append("\n- failed calls: ").append(f.failedCalls()).append(" (target: 0)\n")
                .append("- callers with no answer from another replica before the end of their round: ")
                .append(f.notRecovered()).append('\n');
        f.failureExamples().forEach(example -> md.append("  - ").append(example).append('\n'));
        md.append("- target: ").append(f.targetMet() ? "**met**" : "**missed**").append('\n');
        if (!f.perRound().isEmpty()) {
            md.append("\n| round | killed replica | its JVM gone after ms | restarted as | slowest recovery ms "
                    + "| longest call ms | calls | failed | 3 live replicas bound again after s |\n"
                    + "|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
            int number = 1;
            for (FailoverResult.Round round : f.perRound()) {
                md.append("| ").append(number++).append(" | ").append(round.killedId())
                        .append(" | ").append(round.exitNanos() < 0 ? "not yet"
                                : String.format(Locale.ROOT, "%.1f", round.exitNanos() / 1e6))
                        .append(" | ").append(round.replacementId())
                        .append(" | ").append(round.maxRecoveryNanos() < 0 ? "none"
                                : String.format(Locale.ROOT, "%.1f", round.maxRecoveryNanos() / 1e6))
                        .append(" | ").append(String.format(Locale.ROOT, "%.1f", round.maxLongestCallNanos() / 1e6))
                        .append(" | ").append(String.format(Locale.ROOT, "%,d", round.successfulCalls()))
                        .append(" | ").append(round.failedCalls())
                        .append(" | ").append(String.format(Locale.ROOT, "%.1f", round.rebindNanos() / 1e9))
                        .append(" |\n");
            }
        }
    }

    /** Issue 4's memory target: export counts and heaps of both JVMs before, at the peak, after. */
    private void appendLeases(StringBuilder md) {
        LeaseResult l = leases;
        md.append("\n### Leases: ").append(String.format(Locale.ROOT, "%,d", options.leaseCallbacks()))
                .append(" callback objects created and dropped\n\n")
                .append("A client JVM (lease time ").append(l.leaseMillis()).append(" ms) passes a new listener per "
                        + "call to a server JVM, which calls it back once and releases its proxy; the client drops "
                        + "it. Each listener is exported implicitly by the client, leased to the server's connection "
                        + "and unexported one lease time after its release. Export counts: `Orb.exportCount()` "
                        + "(each JVM's explicit exports included: its service or driver, its probe, the Orb's lease "
                        + "service); heaps: used heap after "
                        + "`System.gc()` requested by the benchmark. *Baseline*: after a warm-up of the same calls, "
                        + "once the client's count was back; *peak*: the largest export count seen between batches "
                        + "of 1,000 calls and the largest heap of the collections along the way and at the last "
                        + "call; *after*: once the client's count was back at its baseline, at least a lease time "
                        + "after the last call. Target: counts back to baseline, heaps within ±")
                .append(String.format(Locale.ROOT, "%.0f", LeaseResult.HEAP_TOLERANCE * 100)).append("%.\n\n");
        if (l.clientBaseline() == null || l.clientAfter() == null) {
            md.append("Not measured to the end: ").append(l.failure()).append('\n');
            return;
        }
        md.append("| | client exports | client heap MB | server exports | server heap MB |\n|---|--:|--:|--:|--:|\n");
        leaseRow(md, "baseline", l.clientBaseline(), l.serverBaseline());
        leaseRow(md, "peak", l.clientPeak(), l.serverPeak());
        leaseRow(md, "after", l.clientAfter(), l.serverAfter());
        md.append(String.format(Locale.ROOT, "| after / baseline | %s | %.3f | %s | %.3f |%n",
                l.clientAfter().exports() == l.clientBaseline().exports() ? "equal" : "**differs**",
                LeaseResult.heapRatio(l.clientBaseline(), l.clientAfter()),
                l.serverAfter().exports() == l.serverBaseline().exports() ? "equal" : "**differs**",
                LeaseResult.heapRatio(l.serverBaseline(), l.serverAfter())));
        md.append(String.format(Locale.ROOT, "%n- %,d callbacks in %.1f s (%,.0f/s, one caller)%n", l.callbacks(),
                l.passNanos() / 1e9, l.callbacksPerSecond()));
        md.append("- client's export count back at its baseline ")
                .append(l.drainNanos() < 0 ? "never" : String.format(Locale.ROOT, "%.2f s", l.drainNanos() / 1e9))
                .append(" after the last call\n");
        md.append("- target: ").append(l.targetMet() ? "**met**" : "**missed**").append('\n');
    }

    private static void leaseRow(StringBuilder md, String label, Footprint client, Footprint server) {
        md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %,d | %.1f |%n", label, client.exports(),
                client.heapBytes() / 1048576.0, server.exports(), server.heapBytes() / 1048576.0));
    }

    /** Issue 5's idle target: CPU of idle connections over a window, beside JVMs without one. */
    private void appendIdle(StringBuilder md) {
        IdleCpuResult r = idle;
        md.append("\n### Idle CPU: one connection, open and idle\n\n")
                .append("Six JVMs measured over the same window: a server (`ParleyServer executor`, TCP and shared "
                        + "memory offered) and a client per set-up; *baseline*: the client connects nowhere and no "
                        + "one connects to its server; *tcp* / *shm*: the client connected with shared memory off / "
                        + "on and made one call, then nothing. Window: from ")
                .append(seconds(io.parley.bench.idle.IdleCpuExperiment.SETTLE)).append(" s after the last start, ")
                .append(String.format(Locale.ROOT, "%.1f", r.windowNanos() / 1e9))
                .append(" s. CPU: the JVM's threads' time on CPU, user + system, summed from "
                        + "`/proc/<pid>/task/*/schedstat` (ns resolution; a thread that ended in the window is "
                        + "missing); beside it the whole process's in clock ticks "
                        + "(`ProcessHandle.info().totalCpuDuration()`, 10 ms resolution) as a cross-check. Both "
                        + "scaled to 10 s.\n\n");
        if (!r.ok()) {
            md.append("Not measured: ").append(r.failure()).append('\n');
            return;
        }
        md.append("| JVM | set-up | CPU ms per 10 s | over its baseline | process, ticks: ms per 10 s "
                + "| busiest threads (ms in the window) |\n|---|---|--:|--:|--:|---|\n");
        for (IdleCpuResult.Jvm jvm : r.jvms()) {
            IdleCpuResult.Jvm base = r.jvm(jvm.role(), "baseline").orElse(jvm);
            md.append("| ").append(jvm.role()).append(" | ").append(jvm.setup())
                    .append(String.format(Locale.ROOT, " | %.1f | %s | %.0f | ", r.msPer10s(jvm),
                            jvm == base ? "" : String.format(Locale.ROOT, "%+.1f", r.msPer10s(jvm) - r.msPer10s(base)),
                            r.tickMsPer10s(jvm)))
                    .append(String.join(", ", jvm.busiest())).append(" |\n");
        }
        md.append("\n- per connection (server + client over their baselines), CPU ms per 10 s: ");
        List<String> pairs = new ArrayList<>();
        for (String setup : List.of("tcp", "shm")) {
            double net = 0;
            for (String role : List.of("server", "client")) {
                net += r.msPer10s(r.jvm(role, setup).orElseThrow()) - r.msPer10s(r.jvm(role, "baseline").orElseThrow());
            }
            pairs.add(String.format(Locale.ROOT, "%s %+.1f", setup, net));
        }
        md.append(String.join(", ", pairs)).append('\n');
        md.append("- the shm client maps a ring file: ").append(r.shmMapped() ? "yes" : "**no**")
                .append("; the tcp client: ").append(r.tcpMapped() ? "**yes**" : "no").append('\n');
        md.append("- load average at the end of the window: ").append(r.loadAverage()).append('\n');
    }

    private static void failoverLine(StringBuilder md, String label, Histogram histogram) {
        md.append("| ").append(label).append(" | ").append(histogram.getTotalCount())
                .append(" | ").append(millis(FailoverResult.millis(histogram, 50)))
                .append(" | ").append(millis(FailoverResult.millis(histogram, 99)))
                .append(" | ").append(millis(FailoverResult.maxMillis(histogram))).append(" |\n");
    }

    private static String millis(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f", value);
    }

    /** The same-host table: shared memory beside TCP, the spinning systems (measured alone) and the mapped floor. */
    private void appendSharedMemory(StringBuilder md) {
        md.append("\n### Same host: shared memory beside TCP (µs; calls/s at the largest caller count)\n\n"
                + "`parley-shm-spin` and `shm-floor` spin without end on both sides and were measured alone, after "
                + "the others; the rest ran interleaved with them. `shm-floor`: two processes ping-ponging sequence "
                + "numbers in a mapped file, nothing else.\n\n");
        md.append("| system | add p50 | add p99 | add p99.9 | echo 64 B p50 | calls/s | p50 add / TCP (same servant) |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|\n");
        int maxCallers = options.callerCounts().stream().mapToInt(Integer::intValue).max().orElse(1);
        for (String system : SHARED_MEMORY_ROWS) {
            Optional<CaseResult> add = find(system, Operation.ADD, 1);
            if (add.isEmpty()) {
                continue;
            }
            String tcp = system.equals("parley-shm") ? "parley" : "parley-nonblocking";
            Optional<CaseResult> base = find(tcp, Operation.ADD, 1);
            md.append("| ").append(system)
                    .append(" | ").append(micros(add, CaseResult::p50Micros))
                    .append(" | ").append(micros(add, CaseResult::p99Micros))
                    .append(" | ").append(micros(add, CaseResult::p999Micros))
                    .append(" | ").append(micros(find(system, Operation.ECHO64, 1), CaseResult::p50Micros))
                    .append(" | ").append(maxCallers > 1 && find(system, Operation.ADD, maxCallers).isPresent()
                            ? rate(find(system, Operation.ADD, maxCallers)) : "n/a")
                    .append(" | ").append(base.isPresent() && !system.equals(tcp)
                            ? String.format(Locale.ROOT, "%.2f", add.get().p50Micros() / base.get().p50Micros())
                            : "TCP")
                    .append(" |\n");
        }
    }

    private static final List<String> SHARED_MEMORY_ROWS = List.of("parley-nonblocking", "parley-shm",
            "parley-shm-nonblocking", "parley-shm-spin", "shm-floor");

    private void appendRatios(StringBuilder md, int maxCallers) {
        List<String> parleys = options.roundTripSystems().stream().filter(system -> system.startsWith("parley")).toList();
        if (parleys.isEmpty()) {
            return;
        }
        md.append("\n### Ratios (latency: lower is better; throughput: higher is better)\n\n| ratio |");
        parleys.forEach(system -> md.append(' ').append(system).append(" |"));
        md.append("\n|---|");
        parleys.forEach(system -> md.append("--:|"));
        md.append('\n');
        ratioRow(md, parleys, "p50 add, Parley / RMI", "rmi", Operation.ADD, 1, CaseResult::p50Micros);
        ratioRow(md, parleys, "p50 echo 64 B, Parley / RMI", "rmi", Operation.ECHO64, 1, CaseResult::p50Micros);
        ratioRow(md, parleys, "calls/s at " + maxCallers + " callers, Parley / RMI", "rmi", Operation.ADD, maxCallers,
                CaseResult::callsPerSecond);
        ratioRow(md, parleys, "p50 add, Parley / raw floor", "raw", Operation.ADD, 1, CaseResult::p50Micros);
    }

    private void ratioRow(StringBuilder md, List<String> parleys, String label, String baseline, Operation operation,
            int callers, Metric metric) {
        md.append("| ").append(label);
        Optional<CaseResult> base = find(baseline, operation, callers);
        for (String system : parleys) {
            Optional<CaseResult> parley = find(system, operation, callers);
            md.append(" | ").append(parley.isPresent() && base.isPresent()
                    ? String.format(Locale.ROOT, "%.2f", metric.of(parley.get()) / metric.of(base.get()))
                    : "n/a");
        }
        md.append(" |\n");
    }

    private void appendFailures(StringBuilder md) {
        List<String> failures = new ArrayList<>();
        for (CaseResult result : results) {
            if (!result.ok()) {
                failures.add("- " + result.caseName() + " with " + result.callers() + " caller(s): " + result.failure());
            }
        }
        if (failover != null && !failover.ok()) {
            failures.add("- failover: " + failover.failure());
        }
        if (leases != null && !leases.ok()) {
            failures.add("- leases: " + leases.failure());
        }
        if (idle != null && !idle.ok()) {
            failures.add("- idle-cpu: " + idle.failure());
        }
        if (!failures.isEmpty()) {
            md.append("\n### Failed cases\n\n").append(String.join("\n", failures)).append('\n');
        }
    }

    private Optional<CaseResult> find(String system, Operation operation, int callers) {
        return results.stream()
                .filter(result -> result.ok() && result.system().equals(system) && result.operation() == operation
                        && result.callers() == callers)
                .findFirst();
    }

    private static String micros(Optional<CaseResult> result, Metric metric) {
        return result.map(r -> String.format(Locale.ROOT, "%.1f", metric.of(r))).orElse("failed");
    }

    private static String rate(Optional<CaseResult> result) {
        return result.map(r -> String.format(Locale.ROOT, "%,.0f", r.callsPerSecond())).orElse("failed");
    }

    private static String csvNumber(double value, int decimals) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String seconds(java.time.Duration duration) {
        return java.math.BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    /** One number of a result. */
    @FunctionalInterface
    private interface Metric {
        double of(CaseResult result);
    }
}
