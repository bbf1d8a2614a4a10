package io.parley.bench.jmh;

import io.parley.Orb;
import io.parley.RemoteRef;
import io.parley.bench.parley.BenchService;
import io.parley.bench.parley.ExecutorServant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 4's collocated call: an Orb calling {@code add} through a proxy of its own object, in one JVM. With
 * {@code collocated} ({@code Orb.Builder.collocation(true)}, the default) the call takes the whole call path
 * (interceptors, encode, decode, servant, encode, decode) on the calling thread, without socket or thread hand-off;
 * {@code tcp} and {@code shm} turn collocation off, so the same proxy calls over loopback TCP (shared memory off) or
 * over the Orb's own shared-memory endpoint, for contrast. Sample mode: the p50 of the target (≤ 2 µs) is JMH's
 * {@code p0.50}; with {@code -prof gc}, the bytes allocated per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class CollocatedCallBenchmark {

    @Param({"collocated", "tcp", "shm"})
    public String path;

    private Orb orb;
    private BenchService proxy;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        orb = Orb.builder().name("bench-collocated").collocation(path.equals("collocated"))
                .sharedMemory(!path.equals("tcp")).build();
        RemoteRef ref = orb.export(new ExecutorServant(orb));
        proxy = orb.connect(ref, BenchService.class);
        if (proxy.add(1, 2) != 3) {
            throw new IllegalStateException("add(1, 2) is not 3 on path " + path);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        orb.close();
    }

    /** {@code add(i, 1)} through the proxy of the Orb's own object; checked, so that a broken path cannot be fast. */
    @Benchmark
    public int add() {
        int a = next++ & 0xFFFFFF;
        int sum = proxy.add(a, 1);
        if (sum != a + 1) {
            throw new IllegalStateException("add(" + a + ", 1) returned " + sum);
        }
        return sum;
    }
}
