package io.parley.bench.leases;

import io.parley.Calls;
import io.parley.Orb;
import io.parley.RemoteRef;
import io.parley.bench.ServerLauncher;
import io.parley.bench.ServerProcess;
import java.time.Duration;
import java.util.List;

/**
 * Issue 4's memory target: a client that creates and drops many callback objects leaves export tables and heaps at
 * their baseline once the lease time has passed.
 *
 * <p>Two JVMs besides the harness: the client ({@link LeaseClient}, lease time short) passes a new listener per
 * call to the server ({@link LeaseServer}), which calls it back once and releases its proxy; each listener is
 * exported implicitly by the client, leased to the server's connection, released, and unexported by the client one
 * lease time later. The harness drives the client in batches and reads both JVMs' {@link Footprint}s: the baseline
 * after a warm-up (classes loaded, code compiled, tables grown once), the peak along the way, and the state once the
 * client's export count is back at its baseline, with heaps read after collections the harness requests.
 */
public final class LeaseExperiment {

    private static final int BATCH = 1_000;
    /** Heaps after a collection this many times along the way (the peak row), besides before and after. */
    private static final int HEAP_SAMPLES = 4;
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

    private final ServerLauncher launcher;
    private final int callbacks;
    private final Duration leaseTime;

    public LeaseExperiment(ServerLauncher launcher, int callbacks, Duration leaseTime) {
        this.launcher = launcher;
        this.callbacks = callbacks;
        this.leaseTime = leaseTime;
    }

    /** Runs it; never throws (a failure is in the result). */
    public LeaseResult run() {
        Recorder recorder = new Recorder();
        ServerProcess server = null;
        ServerProcess client = null;
        Orb harness = null;
        try {
            server = launcher.start("lease-server", LeaseServer.class, List.of(), List.of());
            String[] serverRefs = server.readyValue().split(" ");
            client = launcher.start("lease-client", LeaseClient.class, List.of(),
                    List.of(String.valueOf(leaseTime.toMillis()), serverRefs[0]));
            String[] clientRefs = client.readyValue().split(" ");
            harness = Orb.builder().name("bench-lease-harness").sharedMemory(false).build();
            CallbackDriver driver = harness.connect(RemoteRef.parse(clientRefs[0]), CallbackDriver.class);
            FootprintProbe clientProbe = harness.connect(RemoteRef.parse(clientRefs[1]), FootprintProbe.class);
            FootprintProbe serverProbe = harness.connect(RemoteRef.parse(serverRefs[1]), FootprintProbe.class);
            run(driver, clientProbe, serverProbe, recorder);
            return recorder.result(null);
        } catch (Exception | LinkageError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return recorder.result(e.toString());
        } finally {
            if (harness != null) {
                harness.close();
            }
            if (client != null) {
                client.stop();
            }
            if (server != null) {
                server.stop();
            }
        }
    }

    private void run(CallbackDriver driver, FootprintProbe clientProbe, FootprintProbe serverProbe, Recorder recorder)
            throws InterruptedException {
        int initialExports = clientProbe.footprint(false).exports();
        // Warm-up: the same path, so that the baseline already has its classes, compiled code and grown tables. Long
        // enough for the live exports to reach the run's peak (callbacks made within about a lease time, some 11,000
        // at full size): hash tables keep the size they grew to, and a shorter warm-up left the run's bigger tables
        // (0.6-0.9 MB of a 7 MB heap) to count as growth.
        pass(driver, Math.max(BATCH, Math.min(20_000, callbacks / 5)));
        awaitExports(clientProbe, initialExports, "the warm-up");
        recorder.clientBaseline = collected(clientProbe);
        recorder.serverBaseline = collected(serverProbe);
        recorder.clientPeak = recorder.clientBaseline;
        recorder.serverPeak = recorder.serverBaseline;

        int sampleEvery = Math.max(1, callbacks / BATCH / HEAP_SAMPLES);
        long start = System.nanoTime();
        int batches = 0;
        for (int done = 0; done < callbacks; batches++) {
            int count = Math.min(BATCH, callbacks - done);
            pass(driver, count);
            done += count;
            boolean heapSample = (batches + 1) % sampleEvery == 0 && done < callbacks;
            recorder.clientPeak = peak(recorder.clientPeak, heapSample ? collected(clientProbe)
                    : clientProbe.footprint(false));
            recorder.serverPeak = peak(recorder.serverPeak, heapSample ? collected(serverProbe)
                    : serverProbe.footprint(false));
        }
        long end = System.nanoTime();
        recorder.callbacks = callbacks;
        recorder.passNanos = end - start;
        // At the end of the calls: what is held before the leases run out.
        recorder.clientPeak = peak(recorder.clientPeak, collected(clientProbe));
        recorder.serverPeak = peak(recorder.serverPeak, collected(serverProbe));

        awaitExports(clientProbe, recorder.clientBaseline.exports(), "the run");
        recorder.drainNanos = System.nanoTime() - end;
        // Not before a lease time after the last call, whatever the count said: the target's "after the lease time".
        long left = leaseTime.toNanos() - (System.nanoTime() - end);
        if (left > 0) {
            Thread.sleep(left / 1_000_000 + 1);
        }
        recorder.clientAfter = collected(clientProbe);
        recorder.serverAfter = collected(serverProbe);
    }

    private static void pass(CallbackDriver driver, int count) {
        int ok = Calls.withTimeout(PROBE_TIMEOUT, () -> driver.passNewCallbacks(count));
        if (ok != count) {
            throw new IllegalStateException((count - ok) + " of " + count + " callbacks answered wrong");
        }
    }

    private static Footprint collected(FootprintProbe probe) {
        return Calls.withTimeout(PROBE_TIMEOUT, () -> probe.footprint(true));
    }

    /** The larger export count and the larger collected heap of the two. */
    private static Footprint peak(Footprint peak, Footprint now) {
        long heap = now.collected() ? Math.max(peak.heapBytes(), now.heapBytes()) : peak.heapBytes();
        return new Footprint(Math.max(peak.exports(), now.exports()), heap, true);
    }

    private void awaitExports(FootprintProbe probe, int expected, String after) throws InterruptedException {
        long deadline = System.nanoTime() + leaseTime.plus(DRAIN_LIMIT).toNanos();
        int exports;
        while ((exports = probe.footprint(false).exports()) > expected) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("after " + after + " the client still exports " + exports
                        + " objects, " + expected + " before, " + leaseTime.plus(DRAIN_LIMIT).toSeconds()
                        + " s later: leases not released");
            }
            Thread.sleep(20);
        }
    }

    /** What has been measured so far. */
    private final class Recorder {
        int callbacks;
        long passNanos;
        long drainNanos = -1;
        Footprint clientBaseline;
        Footprint clientPeak;
        Footprint clientAfter;
        Footprint serverBaseline;
        Footprint serverPeak;
        Footprint serverAfter;

        LeaseResult result(String failure) {
            return new LeaseResult(callbacks, leaseTime.toMillis(), passNanos, clientBaseline, clientPeak,
                    clientAfter, serverBaseline, serverPeak, serverAfter, drainNanos, failure);
        }
    }
}
