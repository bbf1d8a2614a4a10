package io.parley.bench;

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
    private final MachineInfo machine;
    private final ZonedDateTime started;
    private final String loadAtStart;
    private final String loadAtEnd;
    private final String command;

    /** {@code failover} is null when the failover case did not run. */
    Report(BenchOptions options, List<CaseResult> results, FailoverResult failover, MachineInfo machine,
            ZonedDateTime started, String loadAtStart, String loadAtEnd, String command) {
        this.options = options;
        this.results = List.copyOf(results);
        this.failover = failover;
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
        if (options.naming()) {
            appendNaming(md);
        }
        if (failover != null) {
            appendFailover(md);
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
            for (Operation operation : Operation.values()) {
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
