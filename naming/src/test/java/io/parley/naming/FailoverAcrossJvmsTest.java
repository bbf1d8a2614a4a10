package io.parley.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Completion;
import io.parley.NamingConfig;
import io.parley.Orb;
import io.parley.OrbException;
import io.parley.testing.JavaProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three server JVMs bound under one name, sixteen callers, and kill -9 of one server in the middle: no idempotent
 * call fails, and no non-idempotent call runs twice (each server journals the ids it ran).
 */
@Timeout(90)
class FailoverAcrossJvmsTest {
    /** Each server's journal: a file, complete even for the killed server. */
    @TempDir
    Path journals;
    private static final int CALLERS = 16;

    @Test
    void killingOneOfThreeReplicasUnderLoadLosesNoIdempotentCallAndRunsNoCallTwice() throws Exception {
        List<JavaProcess> servers = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try (TestingServer zookeeper = new TestingServer(true)) {
            for (String name : List.of("s1", "s2", "s3")) {
                servers.add(JavaProcess.start(LedgerServerMain.class, zookeeper.getConnectString(), name,
                        journals.resolve(name).toString()));
            }
            for (JavaProcess server : servers) {
                server.awaitValue("READY ", Duration.ofSeconds(30));
            }
            try (Orb client = Orb.builder().name("client").naming(NamingConfig.ensemble(zookeeper.getConnectString()))
                    .build()) {
                Ledger ledger = client.naming().lookup("ledger", Ledger.class);
                NamingTest.awaitTrue(() -> client.naming().resolve("ledger").size() == 3);

                Load load = new Load(ledger);
                for (int i = 0; i < CALLERS; i++) {
                    int caller = i;
                    callers.submit(() -> load.run(caller));
                }
                Thread.sleep(1000);
                long answeredBeforeKill = load.answered.get();
                servers.get(0).kill();
                long killed = System.nanoTime();
                Thread.sleep(1500);
                load.running.set(false);
                callers.shutdown();
                assertTrue(callers.awaitTermination(20, TimeUnit.SECONDS), "callers finished");

                assertEquals(List.of(), load.idempotentFailures, "idempotent calls that failed");
                for (Throwable failure : load.recordFailures) {
                    assertTrue(failure instanceof OrbException e && e.completion() == Completion.MAYBE,
                            "only calls in flight at the kill may fail, with completion MAYBE: " + failure);
                }
                for (JavaProcess survivor : servers.subList(1, 3)) {
                    // Every journal line is read once the server has closed and said so.
                    survivor.close();
                    survivor.awaitLine("CLOSED"::equals, Duration.ofSeconds(20));
                }
                Map<String, Integer> runs = journaledRuns(journals);
                runs.forEach((id, count) -> assertEquals(1, count, "call " + id + " ran " + count + " times"));
                load.recorded.forEach((id, server) -> assertEquals(1, runs.getOrDefault(id, 0),
                        "answered call " + id + " (answered by " + server + ") is in one journal"));
                assertTrue(answeredBeforeKill > 100 && load.answeredAfter(killed) > 100,
                        "calls before (" + answeredBeforeKill + ") and after the kill (" + load.answeredAfter(killed)
                        + ")");
                assertTrue(load.serversAfter(killed).equals(java.util.Set.of("s2", "s3")),
                        "after the kill, calls went to " + load.serversAfter(killed));
            }
        } finally {
            callers.shutdownNow();
            servers.forEach(JavaProcess::close);
        }
    }

    /** How often each call id was run, from the journals of every server (the killed one's included). */
    private static Map<String, Integer> journaledRuns(Path journals) throws IOException {
        Map<String, Integer> runs = new HashMap<>();
        try (var files = Files.list(journals)) {
            for (Path journal : files.toList()) {
                for (String line : Files.readAllLines(journal)) {
                    if (line.startsWith("RAN ")) {
                        runs.merge(line.substring(4), 1, Integer::sum);
                    }
                }
            }
        }
        return runs;
    }

    /** Callers alternating an idempotent and a non-idempotent call, recording what happened. */
    private static final class Load {
        final Ledger ledger;
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong answered = new AtomicLong();
        final List<Throwable> idempotentFailures = new CopyOnWriteArrayList<>();
        final List<Throwable> recordFailures = new CopyOnWriteArrayList<>();
        final Map<String, String> recorded = new ConcurrentHashMap<>(); // call id -> the server that answered it
        final Map<Long, String> answers = new ConcurrentHashMap<>();
        final AtomicLong sequence = new AtomicLong();

        Load(Ledger ledger) {
            this.ledger = ledger;
        }

        void run(int caller) {
            for (int i = 0; running.get(); i++) {
                try {
                    answer(ledger.server());
                } catch (RuntimeException e) {
                    idempotentFailures.add(e);
                }
                String id = caller + "-" + i;
                try {
                    String server = ledger.record(id);
                    answer(server);
                    recorded.put(id, server);
                } catch (RuntimeException e) {
                    recordFailures.add(e);
                }
            }
        }

        private void answer(String server) {
            answered.incrementAndGet();
            // Keyed by time (made unique) so that the test can tell which servers answered after the kill.
            answers.put(System.nanoTime() * 64 + (sequence.incrementAndGet() & 63), server);
        }

        long answeredAfter(long nanos) {
            return answers.keySet().stream().filter(key -> key / 64 - nanos > 100_000_000L).count();
        }

        java.util.Set<String> serversAfter(long nanos) {
            java.util.Set<String> result = new java.util.TreeSet<>();
            answers.forEach((key, server) -> {
                if (key / 64 - nanos > 100_000_000L) {
                    result.add(server);
                }
            });
            return result;
        }
    }
}
