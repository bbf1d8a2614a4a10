package io.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Orb;
import io.parley.RemoteRef;
import io.parley.testing.JavaProcess;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A bounded soak: mixed synchronous, asynchronous, oneway and callback calls from two client Orbs at once, one over
 * TCP and one over shared memory, against a server in its own JVM. Must hold: no call fails, every oneway call
 * arrives, the server's heap after the run is back near its level after the warm-up, and the clients' export tables
 * are back to their size (the callback objects passed by reference were all released: no leak). Runs
 * {@code -Dparley.soak.seconds} (default 40) and writes its figures to {@code target/soak/latest.md}.
 */
class SoakTest {
    private static final int SECONDS = Integer.getInteger("parley.soak.seconds", 40);
    private static final int CALLERS_PER_ORB = 3;
    private static final long HEAP_SLACK_BYTES = 8L * 1024 * 1024;
    private static final byte[] PAYLOAD = new byte[256];

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES) // the outer bound of a long soak by option; CI's runs 40 s
    void mixedTrafficOverTcpAndSharedMemoryLosesNothingAndLeaksNothing() throws Exception {
        try (JavaProcess server = JavaProcess.start(List.of("-Xmx256m"), SoakServer.class);
                Orb tcp = Orb.builder().name("soak-tcp").sharedMemory(false).leaseTime(LEASE).build();
                Orb shm = Orb.builder().name("soak-shm").leaseTime(LEASE).build()) {
            RemoteRef ref = RemoteRef.parse(server.awaitValue("REF ", Duration.ofSeconds(30)));
            Load overTcp = new Load("tcp", tcp.connect(ref, Soak.class));
            Load overShm = new Load("shm", shm.connect(ref, Soak.class));

            int tcpExports = tcp.exportCount();
            int shmExports = shm.exportCount();
            runBoth(overTcp, overShm, Duration.ofSeconds(3));
            long baseline = heap(server);
            long clientBaseline = usedHeapHere();
            long start = System.nanoTime();
            runBoth(overTcp, overShm, Duration.ofSeconds(SECONDS));
            double seconds = (System.nanoTime() - start) / 1e9;
            long notesSent = overTcp.notes.sum() + overShm.notes.sum();
            long notesArrived = awaitNotes(overTcp.soak, notesSent);
            long after = heap(server); // its collection also releases the callback proxies it dropped
            long clientAfter = usedHeapHere();
            boolean exportsBack = awaitExports(tcp, tcpExports) && awaitExports(shm, shmExports);

            String report = report(seconds, overTcp, overShm, baseline, after, clientBaseline, clientAfter,
                    notesSent, notesArrived) + String.format(Locale.ROOT, "Client export tables: tcp %d -> %d, "
                    + "shm %d -> %d (%d new callback objects passed by reference).%n", tcpExports, tcp.exportCount(),
                    shmExports, shm.exportCount(), overTcp.newListeners.sum() + overShm.newListeners.sum());
            Path file = Path.of("target", "soak", "latest.md");
            Files.createDirectories(file.getParent());
            Files.writeString(file, report);
            System.out.println(report);

            assertEquals(0, overTcp.errors.sum() + overShm.errors.sum(), "calls failed; first: " + firstError(
                    overTcp, overShm));
            assertEquals(notesSent, notesArrived, "oneway calls lost");
            assertTrue(exportsBack, "callback objects were not all released: tcp " + tcp.exportCount() + " (was "
                    + tcpExports + "), shm " + shm.exportCount() + " (was " + shmExports + ")");
            assertTrue(after <= baseline * 5 / 4 + HEAP_SLACK_BYTES, "the server's heap grew from " + mb(baseline)
                    + " to " + mb(after) + " MB");
        }
    }

    private static void runBoth(Load first, Load second, Duration duration) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        List<CompletableFuture<Void>> callers = new ArrayList<>();
        for (Load load : List.of(first, second)) {
            for (int i = 0; i < CALLERS_PER_ORB; i++) {
                callers.add(CompletableFuture.runAsync(() -> load.run(running),
                        task -> new Thread(task, "soak-" + load.name).start()));
            }
        }
        Thread.sleep(duration.toMillis());
        running.set(false);
        for (CompletableFuture<Void> caller : callers) {
            caller.get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * One Orb's callers: in every ten calls five add, one callback, one echo, one asynchronous add, two oneway notes;
     * the callback passes the caller's listener, and a new listener object every 50th time.
     */
    private static final class Load {
        final String name;
        final Soak soak;
        final LongAdder sync = new LongAdder();
        final LongAdder async = new LongAdder();
        final LongAdder notes = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder callbacks = new LongAdder();
        final LongAdder newListeners = new LongAdder();
        final AtomicReference<Throwable> firstError = new AtomicReference<>();

        Load(String name, Soak soak) {
            this.name = name;
            this.soak = soak;
        }

        void run(AtomicBoolean running) {
            for (int i = 0; running.get(); i++) {
                try {
                    call(i);
                } catch (Throwable e) {
                    errors.increment();
                    firstError.compareAndSet(null, e);
                }
            }
        }

        private void call(int i) throws Exception {
            switch (i % 10) {
                case 5 -> {
                    SoakListener listener = LISTENER;
                    if (i % 500 == 5) {
                        listener = new EchoListener();
                        newListeners.increment();
                    }
                    if (soak.callBack(listener, i) != i + 1) {
                        throw new AssertionError("wrong callback answer");
                    }
                    callbacks.increment();
                }
                case 6 -> {
                    if (soak.echo(PAYLOAD).length != PAYLOAD.length) {
                        throw new AssertionError("echo lost bytes");
                    }
                    sync.increment();
                }
                case 7 -> {
                    if (soak.addLater(i, 1).get(10, TimeUnit.SECONDS) != i + 1) {
                        throw new AssertionError("wrong asynchronous sum");
                    }
                    async.increment();
                }
                case 8, 9 -> {
                    soak.note(i);
                    notes.increment();
                }
                default -> {
                    if (soak.add(i, 1) != i + 1) {
                        throw new AssertionError("wrong sum");
                    }
                    sync.increment();
                }
            }
        }
    }

    /** The listener every callback passes, but for the new ones. */
    private static final SoakListener LISTENER = new EchoListener();

    /** A callback object: passed by reference, exported by the client while the server holds it. */
    private static final class EchoListener implements SoakListener {
        @Override
        public int echo(int value) {
            return value;
        }
    }

    /** Leases end this long after their last holder released them: short, so that the test can see it. */
    private static final Duration LEASE = Duration.ofSeconds(1);

    private static boolean awaitExports(Orb orb, int expected) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (orb.exportCount() != expected && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        return orb.exportCount() == expected;
    }

    private static long awaitNotes(Soak soak, long sent) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long arrived;
        do {
            arrived = Long.parseLong(soak.notes().split(" ")[0]);
            if (arrived >= sent) {
                return arrived;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < end);
        return arrived;
    }

    private static long heap(JavaProcess server) {
        server.send("heap");
        return Long.parseLong(server.awaitValue("HEAP ", Duration.ofSeconds(30)));
    }

    private static long usedHeapHere() {
        ManagementFactory.getMemoryMXBean().gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String firstError(Load... loads) {
        for (Load load : loads) {
            if (load.firstError.get() != null) {
                return load.name + ": " + load.firstError.get();
            }
        }
        return "none";
    }

    private static String report(double seconds, Load tcp, Load shm, long baseline, long after, long clientBaseline,
            long clientAfter, long notesSent, long notesArrived) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "## Soak: %.0f s, %d callers per Orb, JDK %s, %d cores%n%n", seconds,
                CALLERS_PER_ORB, Runtime.version(), Runtime.getRuntime().availableProcessors()));
        md.append("| client | sync calls/s | callbacks/s | async calls/s | oneway calls/s | errors |\n"
                + "|---|--:|--:|--:|--:|--:|\n");
        for (Load load : List.of(tcp, shm)) {
            md.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %,.0f | %d |%n", load.name,
                    load.sync.sum() / seconds, load.callbacks.sum() / seconds, load.async.sum() / seconds,
                    load.notes.sum() / seconds, load.errors.sum()));
        }
        md.append(String.format(Locale.ROOT, "%nOneway notes sent %,d, arrived %,d.%n", notesSent, notesArrived));
        md.append(String.format(Locale.ROOT, "Server heap after a collection: %.1f MB after warm-up, %.1f MB after "
                + "the run. Client JVM: %.1f MB, %.1f MB.%n", mb(baseline), mb(after), mb(clientBaseline),
                mb(clientAfter)));
        return md.toString();
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
