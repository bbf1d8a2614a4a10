package io.parley.bench;

import io.parley.bench.idle.IdleCpuExperiment;
import io.parley.bench.idle.IdleCpuResult;
import io.parley.bench.leases.LeaseExperiment;
import io.parley.bench.leases.LeaseResult;
import io.parley.bench.naming.FailoverExperiment;
import io.parley.bench.naming.FailoverResult;
import io.parley.bench.naming.NamingCluster;
import io.parley.bench.naming.NamingSystem;
import io.parley.bench.parley.ParleySystem;
import io.parley.bench.floor.MappedFloorSystem;
import io.parley.bench.raw.RawSystem;
import io.parley.bench.rmi.RmiSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Round trips on loopback, side by side, with every server in its own JVM: the raw socket floor, Java RMI, and
 * Parley over TCP with the servant on the servant executor and {@code @NonBlocking} on the I/O thread.
 *
 * <p>Cases: sequential {@code add} (latency, and the 1-caller rate), sequential {@code echo} of 64 bytes (latency),
 * and {@code add} from several concurrent callers (rate). Every server is started first. Each case's measured time
 * is split into rounds, and every round runs the case on every system in turn: noise from a shared machine (a
 * colleague's build) then falls on all systems alike.
 *
 * <p>Callbacks (issue 4), on the systems whose servant may call back: a call passing the caller's listener by
 * reference, called back once, with the same listener on every call and with a new one per call.
 *
 * <p>Naming (issue 3), once the round-trip and spinning systems have stopped (each phase runs beside its own JVMs
 * only): {@code add} through a name-bound proxy over 3 replica JVMs vs a direct reference to one of them,
 * interleaved the same way; then the failover case, kill -9 of one replica under 16 callers, in rounds. Then,
 * once every other JVM has stopped, the experiments {@code leases} (issue 4: callback objects created and dropped,
 * export counts and heaps of both JVMs) and {@code idle-cpu} (issue 5: CPU of idle shared-memory and TCP
 * connections). Results go to stdout, {@code latest.md} and {@code latest.csv}. See benchmarks/README.md.
 */
public final class RoundTripBenchmark {

    /** Beyond the planned time, for JVM starts and stops; the watchdog ends the run after both. */
    private static final Duration SLACK = Duration.ofSeconds(45);

    private RoundTripBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // Bounded even if a call hangs: RMI has no call timeout by default.
        System.setProperty("sun.rmi.transport.tcp.responseTimeout", "10000");
        startWatchdog(options.plannedDuration().plus(SLACK));

        ZonedDateTime started = ZonedDateTime.now();
        String loadAtStart = MachineInfo.loadAverage();
        List<CaseResult> results = new ArrayList<>();
        FailoverResult failover = null;
        Path logs = options.resultsDirectory().toAbsolutePath().getParent().resolve("target").resolve("bench-logs");
        // Closed in reverse order: the naming cluster (its replica JVMs, then its ZooKeeper), then every other server.
        try (ServerLauncher launcher = new ServerLauncher(logs); NamingCluster cluster = new NamingCluster(launcher)) {
            // Each phase runs with its own JVMs only: the naming cluster (ZooKeeper in this JVM, 3 replica JVMs, their
            // sessions' heartbeats) starts once the round trips and the spinning systems are measured and their
            // servers have stopped, so that its threads do not wake beside them (a waking thread costs 16 callers
            // over shared memory most: docs/architecture.md, "Why 16 callers over shared memory are bistable").
            Map<SystemUnderTest, String> systems = startSystems(options.roundTripSystems().stream()
                    .map(RoundTripBenchmark::create).toList(), launcher);
            try {
                runCases(options, systems, roundTripCases(options), results);
            } finally {
                systems.keySet().forEach(SystemUnderTest::close);
            }
            runSpinningSystems(options, launcher, results);
            Map<SystemUnderTest, String> namingSystems = startSystems(!options.naming() ? List.of() : List.of(
                    new NamingSystem(cluster, NamingSystem.Mode.LOOKUP),
                    new NamingSystem(cluster, NamingSystem.Mode.DIRECT),
                    new NamingSystem(cluster, NamingSystem.Mode.SPREAD)), launcher);
            try {
                runCases(options, namingSystems, namingCases(options), results);
                if (options.failover()) {
                    // Last: it kills replicas, and the naming cases are done with them.
                    log("failover: " + options.failoverRounds() + " rounds of kill -9 under "
                            + FailoverExperiment.CALLERS + " callers");
                    failover = new FailoverExperiment(cluster, options.failoverRounds(), options.beforeKill(),
                            options.afterKill()).run();
                    log(failover.ok() ? "failover done" : "failover FAILED: " + failover.failure());
                }
            } finally {
                namingSystems.keySet().forEach(SystemUnderTest::close);
            }
        }
        LeaseResult leases = null;
        IdleCpuResult idle = null;
        if (options.leases() || options.idleCpu()) {
            // After every other JVM has stopped: these measure memory and CPU of their own JVMs.
            try (ServerLauncher launcher = new ServerLauncher(logs)) {
                if (options.leases()) {
                    log("leases: " + options.leaseCallbacks() + " new callback objects, lease time "
                            + options.leaseTime().toMillis() + " ms");
                    leases = new LeaseExperiment(launcher, options.leaseCallbacks(), options.leaseTime()).run();
                    log(leases.ok() ? "leases done" : "leases FAILED: " + leases.failure());
                }
                if (options.idleCpu()) {
                    log("idle-cpu: 6 JVMs, " + options.idleWindow().toSeconds() + " s idle window");
                    idle = new IdleCpuExperiment(launcher, options.idleWindow()).run();
                    log(idle.ok() ? "idle-cpu done" : "idle-cpu FAILED: " + idle.failure());
                }
            }
        }
        Report report = new Report(options, results, failover, leases, idle, MachineInfo.current(), started,
                loadAtStart, MachineInfo.loadAverage(), command(options));
        System.out.println();
        System.out.print(report.write(options.resultsDirectory()));
        log("wrote " + options.resultsDirectory().resolve("latest.md") + " and latest.csv");
        boolean failoverOk = failover == null
                || failover.ok() && failover.failedCalls() == 0 && failover.notRecovered() == 0;
        boolean experimentsOk = (leases == null || leases.ok()) && (idle == null || idle.ok());
        System.exit(results.stream().allMatch(CaseResult::ok) && failoverOk && experimentsOk ? 0 : 1);
    }

    /** Starts each system; a system that cannot start is kept with its failure, so its cases report it. */
    private static Map<SystemUnderTest, String> startSystems(List<SystemUnderTest> toStart, ServerLauncher launcher) {
        Map<SystemUnderTest, String> systems = new LinkedHashMap<>();
        for (SystemUnderTest system : toStart) {
            String name = system.name();
            String failure = null;
            try {
                long start = System.nanoTime();
                system.start(launcher);
                log("started " + name + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            } catch (Exception | LinkageError e) {
                failure = "could not start: " + e;
                log(name + " " + failure);
                system.close();
            }
            systems.put(system, failure);
        }
        return systems;
    }

    /**
     * First a warm-up round: every system runs each kind of call unmeasured, so that the JIT of all the JVMs (which
     * compete for the same cores) has settled before anything is measured. Then each case runs in rounds, each
     * round a short warm-up and a slice of the measured time on every system in turn.
     */
    private static void runCases(BenchOptions options, Map<SystemUnderTest, String> systems, List<Case> cases,
            List<CaseResult> results) {
        if (systems.isEmpty()) {
            return;
        }
        CaseRunner runner = new CaseRunner();
        int maxCallers = options.callerCounts().stream().mapToInt(Integer::intValue).max().orElse(1);
        warmUpRound(runner, options.warmupRound(), maxCallers, options.callbacks(), systems);
        log("warmed up " + systems.keySet().stream().map(SystemUnderTest::name).toList() + "; measuring");
        for (Case c : cases) {
            for (CaseResult result : measureCase(runner, options, c, systems)) {
                results.add(result);
                log(describe(result));
                if (!result.ok() && result.failure().startsWith(CaseRunner.HUNG)) {
                    // Keeps the run bounded: a system with a hung call is not called again.
                    systems.replaceAll((system, failure) -> system.name().equals(result.system())
                            ? "skipped after a hung call in an earlier case" : failure);
                }
            }
        }
    }

    /** Each spinning system alone: start it, sequential add and echo, stop it (its spinning would skew others). */
    private static void runSpinningSystems(BenchOptions options, ServerLauncher launcher, List<CaseResult> results) {
        for (String name : options.spinningSystems()) {
            Map<SystemUnderTest, String> alone = startSystems(List.of(create(name)), launcher);
            try {
                runCases(options, alone, List.of(new Case(Operation.ADD, 1), new Case(Operation.ECHO64, 1)), results);
            } finally {
                alone.keySet().forEach(SystemUnderTest::close);
            }
        }
    }

    /**
     * Sequential add and echo (latency), then add with each other caller count (throughput); then, on the systems
     * that call back, sequential callbacks with the same and with a new listener per call, and the same listener
     * with the largest caller count.
     */
    private static List<Case> roundTripCases(BenchOptions options) {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(Operation.ADD, 1));
        cases.add(new Case(Operation.ECHO64, 1));
        options.callerCounts().stream().filter(count -> count != 1)
                .forEach(count -> cases.add(new Case(Operation.ADD, count)));
        if (options.callbacks()) {
            cases.add(new Case(Operation.CALLBACK, 1));
            cases.add(new Case(Operation.CALLBACK_NEW, 1));
            int maxCallers = options.callerCounts().stream().mapToInt(Integer::intValue).max().orElse(1);
            if (maxCallers > 1) {
                cases.add(new Case(Operation.CALLBACK, maxCallers));
            }
        }
        return cases;
    }

    /** The naming comparison is about calls/s: add with each caller count, 1 included. */
    private static List<Case> namingCases(BenchOptions options) {
        return options.callerCounts().stream().map(count -> new Case(Operation.ADD, count)).toList();
    }

    private static void warmUpRound(CaseRunner runner, Duration duration, int maxCallers, boolean callbacks,
            Map<SystemUnderTest, String> systems) {
        List<Case> warmups = List.of(new Case(Operation.ADD, 1), new Case(Operation.ECHO64, 1),
                new Case(Operation.ADD, maxCallers), new Case(Operation.CALLBACK, 1),
                new Case(Operation.CALLBACK_NEW, 1));
        // Each kind of call gets the same time; the callback ones only on the systems that call back.
        Duration step = duration.dividedBy(3);
        systems.forEach((system, startFailure) -> {
            for (Case c : startFailure == null ? warmups : List.<Case>of()) {
                if (!system.supports(c.operation()) || c.operation().callback() && !callbacks) {
                    continue;
                }
                String failure = runner.warmUp(system, c.operation(), c.callers(), step);
                if (failure != null) {
                    log("warm-up of " + system.name() + " failed: " + failure);
                }
            }
        });
    }

    /** One case on every system, in rounds; each round starts with another system, so none always follows the same. */
    private static List<CaseResult> measureCase(CaseRunner runner, BenchOptions options, Case c,
            Map<SystemUnderTest, String> systems) {
        List<SystemUnderTest> order = new ArrayList<>(systems.keySet());
        Map<SystemUnderTest, CaseTally> tallies = new LinkedHashMap<>();
        order.removeIf(system -> !system.supports(c.operation()));
        systems.forEach((system, startFailure) -> {
            if (!system.supports(c.operation())) {
                return;
            }
            CaseTally tally = new CaseTally(system.name(), c.operation(), c.callers());
            if (startFailure != null) {
                tally.fail(startFailure);
            }
            tallies.put(system, tally);
        });
        for (int round = 0; round < options.rounds(); round++) {
            for (SystemUnderTest system : order) {
                CaseTally tally = tallies.get(system);
                if (!tally.failed()) {
                    tally.add(runner.run(system, c.operation(), c.callers(), options.warmup(), options.slice()));
                }
            }
            Collections.rotate(order, -1);
        }
        return tallies.values().stream().map(CaseTally::result).toList();
    }

    private static SystemUnderTest create(String name) {
        return switch (name) {
            case "raw" -> new RawSystem();
            case "rmi" -> new RmiSystem();
            case "parley" -> new ParleySystem(ParleySystem.Variant.EXECUTOR);
            case "parley-nonblocking" -> new ParleySystem(ParleySystem.Variant.NON_BLOCKING);
            case "parley-shm" -> new ParleySystem(ParleySystem.Variant.SHARED_MEMORY);
            case "parley-shm-nonblocking" -> new ParleySystem(ParleySystem.Variant.SHARED_MEMORY_NON_BLOCKING);
            case "parley-shm-spin" -> new ParleySystem(ParleySystem.Variant.SHARED_MEMORY_SPIN);
            case "parley-tls" -> new ParleySystem(ParleySystem.Variant.TLS);
            case "shm-floor" -> new MappedFloorSystem();
            default -> throw new IllegalArgumentException("unknown system " + name);
        };
    }

    private static String describe(CaseResult result) {
        String what = String.format("%-20s %-7s x%-2d ", result.system(), result.operation().label(), result.callers());
        return result.ok()
                ? what + String.format("p50 %8.1f us  p99 %8.1f us  p99.9 %8.1f us  %,10.0f calls/s",
                        result.p50Micros(), result.p99Micros(), result.p999Micros(), result.callsPerSecond())
                : what + "FAILED: " + result.failure();
    }

    /** The command that ran this: Maven's command line when run through Maven, else the java arguments. */
    private static String command(BenchOptions options) {
        String maven = System.getenv("MAVEN_CMD_LINE_ARGS");
        if (maven != null && !maven.isBlank()) {
            return "mvn " + maven.trim();
        }
        return ("java -cp … " + RoundTripBenchmark.class.getName() + " " + String.join(" ", options.arguments())).trim();
    }

    /** Ends the run (shutdown hooks stop the servers) if it overruns its bound, whatever hangs. */
    private static void startWatchdog(Duration limit) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(limit.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("benchmark exceeded its time bound of " + limit.toSeconds() + " s; stopping");
            System.exit(3);
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void log(String line) {
        System.err.println("[bench] " + line);
    }

    /** One operation with a number of concurrent callers. */
    private record Case(Operation operation, int callers) {
    }
}
