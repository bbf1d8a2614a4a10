package io.parley.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.BindOptions;
import io.parley.Completion;
import io.parley.ErrorCode;
import io.parley.LoadBalancing;
import io.parley.NameAlreadyBoundException;
import io.parley.NameBinding;
import io.parley.NamingConfig;
import io.parley.NamingStatus;
import io.parley.NamingWatch;
import io.parley.Orb;
import io.parley.OrbException;
import io.parley.RemoteRef;
import io.parley.UnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Naming through the Orb API, with Orbs in this JVM and a real ZooKeeper server. */
@Timeout(60)
class NamingTest {
    private TestingServer zookeeper;
    private final List<Orb> orbs = new ArrayList<>();

    @BeforeEach
    void startZooKeeper() throws Exception {
        zookeeper = new TestingServer(true);
    }

    @AfterEach
    void stopEverything() throws Exception {
        orbs.forEach(Orb::close);
        zookeeper.close();
    }

    @Test
    void anExportAnnotatedServantIsBoundWhenExportedAndFoundByLookup() {
        Orb server = orb("server");
        RemoteRef ref = server.export(new LedgerServant("s1", null));

        Orb client = orb("client");
        assertEquals(List.of(ref), client.naming().resolve("ledger"));
        assertEquals("s1", client.naming().lookup("ledger", Ledger.class).server());
    }

    @Test
    void callsAreSpreadRoundRobinOverTheReplicas() {
        for (String name : List.of("s1", "s2", "s3")) {
            orb(name).naming().bind("ledger", new LedgerServant(name, null), BindOptions.replicated());
        }
        Ledger ledger = orb("client").naming().lookup("ledger", Ledger.class);

        Map<String, Integer> calls = new TreeMap<>();
        for (int i = 0; i < 30; i++) {
            calls.merge(ledger.record("call-" + i), 1, Integer::sum);
        }
        assertEquals(Map.of("s1", 10, "s2", 10, "s3", 10), calls);
    }

    @Test
    void randomAndLeastPendingPoliciesReachEveryReplica() throws Exception {
        for (String name : List.of("s1", "s2", "s3")) {
            orb(name).naming().bind("ledger", new LedgerServant(name, null), BindOptions.replicated());
        }
        Orb client = orb("client");
        Ledger random = client.naming().lookup("ledger", Ledger.class, LoadBalancing.RANDOM);
        Map<String, Integer> seen = new TreeMap<>();
        for (int i = 0; i < 60; i++) {
            seen.merge(random.server(), 1, Integer::sum);
        }
        assertEquals(3, seen.size(), "60 random picks reached " + seen);

        Ledger leastPending = client.naming().lookup("ledger", Ledger.class, LoadBalancing.LEAST_PENDING);
        List<Future<String>> concurrent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            concurrent.add(leastPending.serverAfter(300));
        }
        List<String> servers = new ArrayList<>();
        for (Future<String> call : concurrent) {
            servers.add(call.get(10, TimeUnit.SECONDS));
        }
        assertEquals(3, servers.stream().distinct().count(), "three calls in flight went to three replicas: "
                + servers);
    }

    @Test
    void anExclusiveBindingRefusesASecondProcess() {
        orb("s1").naming().bind("ledger", new LedgerServant("s1", null));
        Orb second = orb("s2");

        NameAlreadyBoundException e = assertThrows(NameAlreadyBoundException.class,
                () -> second.naming().bind("ledger", new LedgerServant("s2", null), BindOptions.replicated()));
        assertEquals(ErrorCode.INVALID_CONFIGURATION, e.code());
        assertEquals(1, second.naming().resolve("ledger").size());
    }

    @Test
    void rebindReplacesMetadataAndUnbindRemovesTheReplica() throws Exception {
        Orb server = orb("s1");
        LedgerServant servant = new LedgerServant("s1", null);
        server.naming().bind("ledger", servant, BindOptions.replicated().with("version", "1"));
        assertThrows(NameAlreadyBoundException.class, () -> server.naming().bind("ledger",
                new LedgerServant("other", null), BindOptions.replicated()));
        server.naming().rebind("ledger", servant, BindOptions.replicated().with("version", "2"));
        Orb client = orb("client");
        awaitTrue(() -> client.naming().list("").stream().anyMatch(binding -> binding.name().equals("ledger")
                && binding.replicas().get(0).metadata().equals(Map.of("version", "2"))));

        assertTrue(server.naming().unbind("ledger"));
        assertEquals(List.of(), client.naming().resolve("ledger"));
        assertFalse(server.naming().unbind("ledger"));
    }

    @Test
    void watchReportsTheNamesUnderAContextAsTheyChange() throws Exception {
        Orb client = orb("client");
        List<List<NameBinding>> seen = new CopyOnWriteArrayList<>();
        try (NamingWatch watch = client.naming().watch("bank", (context, bindings) -> seen.add(bindings))) {
            awaitTrue(() -> !seen.isEmpty());
            Orb server = orb("server");
            server.naming().bind("bank/alice", new LedgerServant("a", null));
            server.naming().bind("bank/bob", new LedgerServant("b", null));
            awaitTrue(() -> names(seen.get(seen.size() - 1)).equals(List.of("bank/alice", "bank/bob")));
            server.naming().unbind("bank/alice");
            awaitTrue(() -> seen.get(seen.size() - 1).get(0).replicas().isEmpty());
        }
    }

    @Test
    void aNameBoundProxyFollowsReplicasThatComeAndGo() throws Exception {
        Orb client = orb("client");
        Ledger ledger = client.naming().lookup("ledger", Ledger.class);
        UnavailableException none = assertThrows(UnavailableException.class, ledger::server);
        assertEquals(Completion.NO, none.completion());
        assertTrue(none.getMessage().contains("no replica is bound under the name 'ledger'"), none.getMessage());

        Orb first = orb("s1");
        first.naming().bind("ledger", new LedgerServant("s1", null), BindOptions.replicated());
        awaitTrue(() -> safeServer(ledger).equals("s1"));
        Orb second = orb("s2");
        second.naming().bind("ledger", new LedgerServant("s2", null), BindOptions.replicated());
        first.close();
        awaitTrue(() -> client.naming().resolve("ledger").size() == 1);
        assertEquals("s2", ledger.server());
        assertEquals(ledger, client.naming().lookup("ledger", Ledger.class), "proxies of one name are equal");
        assertEquals("Proxy[name:ledger (Ledger)]", ledger.toString());
    }

    @Test
    void aGracefulCloseUnbindsFirstSoCallsUnderLoadMoveToOtherReplicas() throws Exception {
        List<Orb> servers = new ArrayList<>();
        for (String name : List.of("s1", "s2", "s3")) {
            Orb server = orb(name);
            server.naming().bind("ledger", new LedgerServant(name, null), BindOptions.replicated());
            servers.add(server);
        }
        Orb client = orb("client");
        Ledger ledger = client.naming().lookup("ledger", Ledger.class);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            for (int t = 0; t < 4; t++) {
                int caller = t;
                callers.submit(() -> {
                    for (int i = 0; running.get(); i++) {
                        try {
                            ledger.record(caller + "-" + i);
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                });
            }
            Thread.sleep(300);
            servers.get(0).close();
            Thread.sleep(300);
            running.set(false);
        } finally {
            callers.shutdown();
            assertTrue(callers.awaitTermination(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of(), failures, "non-idempotent calls during a graceful close");
        assertEquals(2, client.naming().resolve("ledger").size());
    }

    @Test
    void namesAreValidatedWithTheRule() {
        Orb client = orb("client");
        for (String bad : new String[] {"", "/a", "a//b", "a:b", "~x", "a b"}) {
            OrbException e = assertThrows(OrbException.class, () -> client.naming().lookup(bad, Ledger.class));
            assertEquals(ErrorCode.INVALID_CONFIGURATION, e.code());
            assertTrue(e.getMessage().contains("invalid name '" + bad + "'"), e.getMessage());
        }
        assertEquals(List.of(), client.naming().list("/"), "'/' is the root context");
    }

    @Test
    void anOrbThatNeverUsesNamingNeverConnectsToZooKeeper() {
        try (Orb plain = Orb.builder().name("plain-orb").build()) {
            plain.export(new LedgerServant("plain", null));
            assertTrue(Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .noneMatch(name -> name.startsWith("plain-orb-naming") || name.startsWith("plain-orb-zookeeper")),
                    "no naming thread was started");
        }
        Orb configured = orb("configured");
        assertEquals(NamingStatus.IDLE, configured.naming().status(), "configured but unused: not connected");
        configured.naming().list("");
        assertEquals(NamingStatus.CONNECTED, configured.naming().status());
    }

    private Orb orb(String name) {
        Orb orb = Orb.builder().name(name).naming(NamingConfig.ensemble(zookeeper.getConnectString())
                .connectTimeout(Duration.ofSeconds(5))).build();
        orbs.add(orb);
        return orb;
    }

    private static String safeServer(Ledger ledger) {
        try {
            return ledger.server();
        } catch (OrbException e) {
            return "";
        }
    }

    private static List<String> names(List<NameBinding> bindings) {
        return bindings.stream().map(NameBinding::name).toList();
    }

    static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(20);
        }
    }
}
