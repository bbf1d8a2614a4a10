package io.parley.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line options of {@link RoundTripBenchmark}. Arguments may also arrive several in one string (as Maven passes
 * {@code -Dbench.args="--quick --systems=raw,rmi"}), so every argument is split on whitespace; blank ones are ignored.
 *
 * @param quick          the CI profile: short warm-up and window
 * @param warmupRound    the warm-up round of each system before any case is measured (JIT of all JVMs)
 * @param warmup         the warm-up before each slice of a case
 * @param measure        the measured time of every case, the sum of its slices
 * @param rounds         the slices each case's measured time is split into, interleaved across systems
 * @param systems        the systems to run, in order
 * @param callerCounts   the concurrent callers of the throughput cases
 * @param callbacks      whether the callback cases run (on the systems that call back)
 * @param failoverRounds kill rounds of the failover case
 * @param beforeKill     how long the failover callers call before the kill of each round
 * @param afterKill      how long they go on calling after it
 * @param leaseCallbacks callback objects the lease experiment creates and drops
 * @param leaseTime      the lease time of the lease experiment's client Orb
 * @param idleWindow     how long the idle-CPU experiment measures its idle connections
 * @param resultsDirectory where {@code latest.md} and {@code latest.csv} go
 * @param arguments      the arguments as given, for the report
 */
public record BenchOptions(boolean quick, Duration warmupRound, Duration warmup, Duration measure, int rounds,
        List<String> systems, List<Integer> callerCounts, boolean callbacks, int failoverRounds, Duration beforeKill,
        Duration afterKill, int leaseCallbacks, Duration leaseTime, Duration idleWindow, Path resultsDirectory,
        List<String> arguments) {

    /** The systems of the round-trip tables, in their order. */
    public static final List<String> ROUND_TRIP_SYSTEMS = List.of("raw", "rmi", "parley", "parley-tls",
            "parley-nonblocking", "parley-shm", "parley-shm-nonblocking");
    /**
     * Systems that spin without end on both sides: each runs alone after the others (beside them it would take the
     * cores they are measured on), sequential cases only.
     */
    public static final List<String> SPINNING_SYSTEMS = List.of("parley-shm-spin", "shm-floor");
    /** The name-bound proxy vs a direct reference, over 3 replicas (both run: the point is their ratio). */
    public static final String NAMING = "naming";
    /** kill -9 of one of 3 replicas under 16 callers. */
    public static final String FAILOVER = "failover";
    /** 100,000 callback objects created and dropped: export counts and heaps before, at the peak and after. */
    public static final String LEASES = "leases";
    /** CPU of idle shared-memory and TCP connections over a window, each JVM beside an unconnected one. */
    public static final String IDLE_CPU = "idle-cpu";
    /** Every system and experiment, the default of {@code --systems}. */
    public static final List<String> ALL_SYSTEMS = List.of("raw", "rmi", "parley", "parley-tls", "parley-nonblocking",
            "parley-shm", "parley-shm-nonblocking", "parley-shm-spin", "shm-floor", NAMING, FAILOVER, LEASES,
            IDLE_CPU);
    /** Bounds the lease experiment for the watchdog: its callbacks at worst 1 ms each, plus JVM starts and waits. */
    private static final Duration LEASE_OVERHEAD = Duration.ofSeconds(60);
    /** The idle experiment beyond its window: six JVM starts and the settling time. */
    private static final Duration IDLE_OVERHEAD = Duration.ofSeconds(40);

    /** Per failover round, beyond its calling time: a JVM start and a session expiry, generously on a busy machine. */
    private static final Duration FAILOVER_ROUND_OVERHEAD = Duration.ofSeconds(15);

    static final String USAGE = """
            usage: RoundTripBenchmark [--quick] [--warmup-ms=N] [--warmup-round-ms=N] [--measure-ms=N]
                                      [--rounds=N] [--systems=raw,rmi,parley,parley-tls,parley-nonblocking,parley-shm,
                                                  parley-shm-nonblocking,parley-shm-spin,shm-floor,
                                                  naming,failover,leases,idle-cpu]
                                      [--callers=1,4,16] [--no-callbacks] [--failover-rounds=N]
                                      [--lease-callbacks=N] [--lease-time-ms=N] [--idle-seconds=N] [--results=DIR]
                --quick   CI run: 0.5 s measured per case in 1 slice, 0.25 s warm-up, 0.75 s warm-up round,
                        2 failover rounds of 0.3 s + 0.5 s, 5,000 lease callbacks, 3 s idle window
                        (default: 3 s measured per case in 3 slices of 1 s, 0.4 s warm-up before each slice,
                        3 s warm-up round per system, 5 failover rounds of 0.5 s before and 1.5 s after the kill,
                        100,000 lease callbacks with a 1 s lease time, 10 s idle window)""";

    /** Reads the arguments; throws IllegalArgumentException with the usage for a bad one. */
    public static BenchOptions parse(String[] args) {
        List<String> words = new ArrayList<>();
        for (String arg : args) {
            Arrays.stream(arg.trim().split("\\s+")).filter(word -> !word.isEmpty()).forEach(words::add);
        }
        boolean quick = words.contains("--quick");
        Duration warmupRound = Duration.ofMillis(quick ? 750 : 3000);
        Duration warmup = Duration.ofMillis(quick ? 250 : 400);
        Duration measure = Duration.ofMillis(quick ? 500 : 3000);
        int rounds = quick ? 1 : 3;
        List<String> systems = ALL_SYSTEMS;
        List<Integer> callers = List.of(1, 4, 16);
        int failoverRounds = quick ? 2 : 5;
        Duration beforeKill = Duration.ofMillis(quick ? 300 : 500);
        Duration afterKill = Duration.ofMillis(quick ? 500 : 1500);
        boolean callbacks = true;
        int leaseCallbacks = quick ? 5_000 : 100_000;
        Duration leaseTime = Duration.ofSeconds(1);
        Duration idleWindow = Duration.ofSeconds(quick ? 3 : 10);
        Path results = defaultResultsDirectory();
        for (String word : words) {
            String value = word.contains("=") ? word.substring(word.indexOf('=') + 1) : "";
            if (word.equals("--quick")) {
                continue;
            } else if (word.startsWith("--warmup-ms=")) {
                warmup = Duration.ofMillis(positive(word, value));
            } else if (word.startsWith("--warmup-round-ms=")) {
                warmupRound = Duration.ofMillis(positive(word, value));
            } else if (word.startsWith("--measure-ms=")) {
                measure = Duration.ofMillis(positive(word, value));
            } else if (word.startsWith("--rounds=")) {
                rounds = (int) positive(word, value);
            } else if (word.startsWith("--systems=")) {
                systems = List.of(value.split(","));
                for (String system : systems) {
                    if (!ALL_SYSTEMS.contains(system)) {
                        throw bad(word, "unknown system " + system + "; known: " + ALL_SYSTEMS);
                    }
                }
            } else if (word.startsWith("--callers=")) {
                callers = Arrays.stream(value.split(",")).map(count -> (int) positive(word, count)).toList();
            } else if (word.equals("--no-callbacks")) {
                callbacks = false;
            } else if (word.startsWith("--lease-callbacks=")) {
                leaseCallbacks = (int) positive(word, value);
            } else if (word.startsWith("--lease-time-ms=")) {
                leaseTime = Duration.ofMillis(positive(word, value));
            } else if (word.startsWith("--idle-seconds=")) {
                idleWindow = Duration.ofSeconds(positive(word, value));
            } else if (word.startsWith("--failover-rounds=")) {
                failoverRounds = (int) positive(word, value);
            } else if (word.startsWith("--results=")) {
                results = Path.of(value);
            } else {
                throw bad(word, "unknown option");
            }
        }
        return new BenchOptions(quick, warmupRound, warmup, measure, rounds, systems, callers, callbacks,
                failoverRounds, beforeKill, afterKill, leaseCallbacks, leaseTime, idleWindow, results,
                List.copyOf(words));
    }

    /** The selected systems of the round-trip tables, in their order. */
    public List<String> roundTripSystems() {
        return ROUND_TRIP_SYSTEMS.stream().filter(systems::contains).toList();
    }

    /** The selected systems that spin without end, each measured alone. */
    public List<String> spinningSystems() {
        return SPINNING_SYSTEMS.stream().filter(systems::contains).toList();
    }

    /** Whether the naming throughput cases run. */
    public boolean naming() {
        return systems.contains(NAMING);
    }

    /** Whether the failover case runs. */
    public boolean failover() {
        return systems.contains(FAILOVER);
    }

    /** Whether the lease experiment runs. */
    public boolean leases() {
        return systems.contains(LEASES);
    }

    /** Whether the idle-CPU experiment runs. */
    public boolean idleCpu() {
        return systems.contains(IDLE_CPU);
    }

    /** An upper bound of the cases' time, for the watchdog and the log. */
    public Duration plannedDuration() {
        // The callback cases (3) counted on every system: an upper bound, only some systems call back.
        int casesPerSystem = 1 + callerCounts.size() + (callbacks ? 3 : 0);
        Duration perSystem = warmupRound.plus(warmup.multipliedBy(rounds).plus(measure).multipliedBy(casesPerSystem));
        Duration planned = perSystem.multipliedBy(roundTripSystems().size());
        // Sequential add and echo only, each system alone.
        planned = planned.plus(warmupRound.plus(warmup.multipliedBy(rounds).plus(measure).multipliedBy(2))
                .multipliedBy(spinningSystems().size()));
        if (naming()) {
            // Three systems (named, direct, spread), add only: one case per caller count.
            int namingCases = callerCounts.size();
            planned = planned.plus(warmupRound.plus(warmup.multipliedBy(rounds).plus(measure).multipliedBy(namingCases))
                    .multipliedBy(3));
        }
        if (failover()) {
            // Each round also restarts a JVM and waits for the killed replica's session to expire (4-6 s).
            planned = planned.plus(beforeKill.plus(afterKill).plus(FAILOVER_ROUND_OVERHEAD).multipliedBy(failoverRounds));
        }
        if (leases()) {
            planned = planned.plus(Duration.ofMillis(leaseCallbacks)).plus(leaseTime.multipliedBy(4))
                    .plus(LEASE_OVERHEAD);
        }
        if (idleCpu()) {
            planned = planned.plus(idleWindow).plus(IDLE_OVERHEAD);
        }
        return planned;
    }

    /** The measured window of one slice. */
    public Duration slice() {
        return measure.dividedBy(rounds);
    }

    /** {@code benchmarks/results} seen from the repository root, or {@code results} from the module. */
    private static Path defaultResultsDirectory() {
        Path module = Path.of("benchmarks");
        return module.resolve("pom.xml").toFile().isFile() ? module.resolve("results") : Path.of("results");
    }

    private static long positive(String word, String value) {
        try {
            long number = Long.parseLong(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw bad(word, "expected a positive number");
    }

    private static IllegalArgumentException bad(String word, String why) {
        return new IllegalArgumentException(word + ": " + why + "\n" + USAGE);
    }
}
