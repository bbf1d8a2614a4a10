package io.parley.bench;

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

/** Turns the results into the markdown report and the CSV file. */
final class Report {

    private final BenchOptions options;
    private final List<CaseResult> results;
    private final MachineInfo machine;
    private final ZonedDateTime started;
    private final String loadAtStart;
    private final String loadAtEnd;
    private final String command;

    Report(BenchOptions options, List<CaseResult> results, MachineInfo machine, ZonedDateTime started,
            String loadAtStart, String loadAtEnd, String command) {
        this.options = options;
        this.results = List.copyOf(results);
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

    String csv() {
        StringBuilder csv = new StringBuilder("case,callers,p50_us,p99_us,p999_us,calls_per_s\n");
        for (CaseResult result : results) {
            csv.append(result.caseName()).append(',').append(result.callers()).append(',')
                    .append(csvNumber(result.p50Micros(), 1)).append(',')
                    .append(csvNumber(result.p99Micros(), 1)).append(',')
                    .append(csvNumber(result.p999Micros(), 1)).append(',')
                    .append(csvNumber(result.callsPerSecond(), 0)).append('\n');
        }
        return csv.toString();
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

        md.append("### Latency of sequential calls, 1 caller (µs)\n\n");
        md.append("| system | add p50 | add p99 | add p99.9 | echo 64 B p50 | echo 64 B p99 | echo 64 B p99.9 |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|\n");
        for (String system : options.systems()) {
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
        for (String system : options.systems()) {
            md.append("| ").append(system);
            for (int count : options.callerCounts()) {
                md.append(" | ").append(rate(find(system, Operation.ADD, count)));
            }
            Optional<CaseResult> busiest = find(system, Operation.ADD, maxCallers);
            md.append(" | ").append(micros(busiest, CaseResult::p50Micros))
                    .append(" | ").append(micros(busiest, CaseResult::p99Micros)).append(" |\n");
        }

        appendRatios(md, maxCallers);
        appendFailures(md);
        return md.toString();
    }

    private void appendRatios(StringBuilder md, int maxCallers) {
        List<String> parleys = options.systems().stream().filter(system -> system.startsWith("parley")).toList();
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
