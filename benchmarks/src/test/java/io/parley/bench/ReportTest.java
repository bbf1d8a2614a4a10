package io.parley.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bench.idle.IdleCpuResult;
import io.parley.bench.leases.Footprint;
import io.parley.bench.leases.LeaseResult;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ReportTest {

    private static final MachineInfo MACHINE = new MachineInfo(2, "Linux", "cpu", "jvm");

    @Test
    void callbackTableAndRatiosToRmi() {
        List<CaseResult> results = List.of(
                ok("rmi", Operation.ADD, 1, 50, 20_000), ok("parley", Operation.ADD, 1, 60, 16_000),
                ok("rmi", Operation.CALLBACK, 1, 100, 10_000), ok("parley", Operation.CALLBACK, 1, 150, 6_000),
                ok("rmi", Operation.CALLBACK_NEW, 1, 200, 5_000), ok("parley", Operation.CALLBACK_NEW, 1, 100, 9_000),
                ok("rmi", Operation.CALLBACK, 16, 900, 15_000), ok("parley", Operation.CALLBACK, 16, 800, 30_000));
        String md = report(BenchOptions.parse(new String[] {"--systems=rmi,parley"}), results, null, null);
        assertTrue(md.contains("### Callbacks"), md);
        assertTrue(md.contains("| parley | 60.0 | 150.0 |"), md);
        assertTrue(md.contains("| p50 callback, same listener | 1.50 |"), md);
        assertTrue(md.contains("| p50 callback, new listener per call | 0.50 |"), md);
        assertTrue(md.contains("| calls/s at 16 callers, same listener | 2.00 |"), md);
        // The sequential latency table keeps to add and echo (no echo measured here).
        assertTrue(md.contains("| rmi | 50.0 | 100.0 | 150.0 | failed | failed | failed |\n"), md);
    }

    @Test
    void leaseTableSaysWhetherTheTargetIsMet() {
        Footprint base = new Footprint(3, 10_000_000, true);
        LeaseResult met = new LeaseResult(100_000, 1000, 40_000_000_000L, base, new Footprint(2_500, 12_000_000, true),
                new Footprint(3, 10_500_000, true), base, base, new Footprint(3, 9_500_000, true), 1_100_000_000L, null);
        String md = report(BenchOptions.parse(new String[] {"--systems=leases"}), List.of(), met, null);
        assertTrue(md.contains("| peak | 2,500 | 11.4 | 3 | 9.5 |"), md);
        assertTrue(md.contains("| after / baseline | equal | 1.050 | equal | 0.950 |"), md);
        assertTrue(md.contains("- target: **met**"), md);

        LeaseResult leaked = new LeaseResult(100_000, 1000, 40_000_000_000L, base, base,
                new Footprint(3, 12_000_000, true), base, base, base, 1_100_000_000L, null);
        String missed = report(BenchOptions.parse(new String[] {"--systems=leases"}), List.of(), leaked, null);
        assertTrue(missed.contains("- target: **missed**"), missed);
    }

    @Test
    void idleTableSubtractsTheBaselines() {
        long window = 10_000_000_000L;
        List<IdleCpuResult.Jvm> jvms = List.of(
                jvm("server", "baseline", 20), jvm("server", "tcp", 25), jvm("server", "shm", 21),
                jvm("client", "baseline", 10), jvm("client", "tcp", 14), jvm("client", "shm", 12));
        IdleCpuResult idle = new IdleCpuResult(window, jvms, true, false, "0.5 0.5 0.5", null);
        String md = report(BenchOptions.parse(new String[] {"--systems=idle-cpu"}), List.of(), null, idle);
        assertTrue(md.contains("| server | tcp | 25.0 | +5.0 |"), md);
        assertTrue(md.contains("tcp +9.0, shm +3.0"), md);
        assertTrue(md.contains("the shm client maps a ring file: yes; the tcp client: no"), md);
    }

    private static IdleCpuResult.Jvm jvm(String role, String setup, long millis) {
        return new IdleCpuResult.Jvm(role, setup, millis * 1_000_000, millis * 1_000_000, List.of("main 1.0"));
    }

    private static CaseResult ok(String system, Operation operation, int callers, double p50, double rate) {
        return new CaseResult(system, operation, callers, 1000, p50, p50 * 2, p50 * 3, rate, null);
    }

    private static String report(BenchOptions options, List<CaseResult> results, LeaseResult leases,
            IdleCpuResult idle) {
        return new Report(options, results, null, leases, idle, MACHINE, ZonedDateTime.now(), "1 1 1", "1 1 1",
                "test").markdown();
    }
}
