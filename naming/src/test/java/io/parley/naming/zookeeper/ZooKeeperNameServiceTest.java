package io.parley.naming.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Endpoint;
import io.parley.ErrorCode;
import io.parley.NameAlreadyBoundException;
import io.parley.NameBinding;
import io.parley.NamingConfig;
import io.parley.NamingStatus;
import io.parley.NamingWatch;
import io.parley.OrbException;
import io.parley.RemoteRef;
import io.parley.Replica;
import io.parley.UnavailableException;
import io.parley.spi.naming.NameServiceSettings;
import io.parley.spi.naming.NameSnapshot;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ZooKeeper backend against a real ZooKeeper server: layout, bind rules, watches, sessions, ACLs. */
@Timeout(60)
class ZooKeeperNameServiceTest {
    private TestingServer zookeeper;
    private CuratorFramework observer;
    private final List<ZooKeeperNameService> services = new ArrayList<>();

    @BeforeEach
    void startZooKeeper() throws Exception {
        zookeeper = new TestingServer(true);
        observer = CuratorFrameworkFactory.newClient(zookeeper.getConnectString(), new RetryOneTime(100));
        observer.start();
    }

    @AfterEach
    void stopZooKeeper() throws Exception {
        services.forEach(ZooKeeperNameService::close);
        observer.close();
        zookeeper.close();
    }

    @Test
    void bindCreatesOneEphemeralNodePerProcessUnderTheDocumentedPath() throws Exception {
        ZooKeeperNameService process = connect("a1", NamingConfig.ensemble(zookeeper.getConnectString()));
        process.bind("bank/accounts", replica("a1", 7001, false, Map.of("zone", "eu")), false);

        Stat replicaStat = observer.checkExists().forPath("/parley/names/bank/accounts/~a1");
        assertNotEquals(0, replicaStat.getEphemeralOwner(), "the replica node is ephemeral");
        assertEquals(0, observer.checkExists().forPath("/parley/names/bank").getEphemeralOwner(),
                "contexts are persistent");
        Replica stored = ReplicaData.decode("a1", observer.getData().forPath("/parley/names/bank/accounts/~a1"));
        assertEquals(ref(7001, "any"), stored.ref());
        assertEquals(Map.of("zone", "eu"), stored.metadata());
    }

    @Test
    void anExclusiveBindingKeepsOtherProcessesOut() {
        NamingConfig config = NamingConfig.ensemble(zookeeper.getConnectString());
        ZooKeeperNameService first = connect("a1", config);
        ZooKeeperNameService second = connect("b2", config);
        first.bind("ledger", replica("a1", 7001, true, Map.of()), false);

        NameAlreadyBoundException asReplica = assertThrows(NameAlreadyBoundException.class,
                () -> second.bind("ledger", replica("b2", 7002, false, Map.of()), false));
        assertTrue(asReplica.getMessage().contains("'ledger' is bound by another process, exclusively,"),
                asReplica.getMessage());
        assertThrows(NameAlreadyBoundException.class,
                () -> second.bind("ledger", replica("b2", 7002, true, Map.of()), false));
        assertEquals(List.of("a1"), ids(second.replicas("ledger")));
    }

    @Test
    void replicatedBindingsOfSeveralProcessesCoexistAndAreListed() {
        NamingConfig config = NamingConfig.ensemble(zookeeper.getConnectString());
        connect("a1", config).bind("shop/cart", replica("a1", 7001, false, Map.of()), false);
        connect("b2", config).bind("shop/cart", replica("b2", 7002, false, Map.of()), false);
        ZooKeeperNameService third = connect("c3", config);

        assertEquals(List.of("a1", "b2"), ids(third.replicas("shop/cart")));
        List<NameBinding> shop = third.list("shop");
        assertEquals(1, shop.size());
        assertEquals("shop/cart", shop.get(0).name());
        assertEquals(2, shop.get(0).replicas().size());
        assertEquals(List.of("shop"), third.list("").stream().map(NameBinding::name).toList());
        NameAlreadyBoundException exclusive = assertThrows(NameAlreadyBoundException.class,
                () -> third.bind("shop/cart", replica("c3", 7003, true, Map.of()), false));
        assertTrue(exclusive.getMessage().contains("BindOptions.replicated()"), exclusive.getMessage());
    }

    @Test
    void rebindReplacesThisProcessesBindingAndUnbindRemovesIt() throws Exception {
        ZooKeeperNameService process = connect("a1", NamingConfig.ensemble(zookeeper.getConnectString()));
        process.bind("svc", replica("a1", 7001, false, Map.of("v", "1")), false);
        process.bind("svc", replica("a1", 7001, false, Map.of("v", "2")), true);
        awaitTrue(() -> process.replicas("svc").get(0).metadata().equals(Map.of("v", "2")));

        assertTrue(process.unbind("svc"));
        assertEquals(List.of(), process.replicas("svc"));
        assertTrue(observer.checkExists().forPath("/parley/names/svc") != null, "the name's node stays");
        assertTrue(!process.unbind("svc"), "a second unbind finds nothing");
    }

    @Test
    void aBurstOfChangesReachesWatchersAsOneUpdateOnTheNamingThread() throws Exception {
        ZooKeeperNameService process = connect("a1", NamingConfig.ensemble(zookeeper.getConnectString()));
        List<NameSnapshot> updates = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        try (NamingWatch watch = process.watch("burst", snapshot -> {
            updates.add(snapshot);
            threads.add(Thread.currentThread().getName());
        })) {
            awaitTrue(() -> updates.size() == 1);
            assertEquals(List.of(), updates.get(0).replicas(), "the first update is the initial, empty state");

            List<CuratorOp> creates = new ArrayList<>();
            creates.add(observer.transactionOp().create().forPath("/parley/names/burst"));
            for (int i = 0; i < 5; i++) {
                creates.add(observer.transactionOp().create().withMode(CreateMode.EPHEMERAL).forPath(
                        "/parley/names/burst/~r" + i, ReplicaData.encode(replica("r" + i, 7000 + i, false, Map.of()))));
            }
            observer.transaction().forOperations(creates);

            awaitTrue(() -> updates.get(updates.size() - 1).replicas().size() == 5);
            Thread.sleep(200);
            assertEquals(2, updates.size(), "five new replicas in one burst are one update: " + updates);
            assertTrue(threads.stream().allMatch(name -> name.equals("test-naming-1")), threads.toString());
        }
    }

    @Test
    void afterASessionExpiryTheBindingIsRegisteredAgain() throws Exception {
        ZooKeeperNameService process = connect("a1", NamingConfig.ensemble(zookeeper.getConnectString())
                .sessionTimeout(Duration.ofSeconds(5)));
        process.bind("survivor", replica("a1", 7001, false, Map.of()), false);
        String path = "/parley/names/survivor/~a1";
        long firstSession = observer.checkExists().forPath(path).getEphemeralOwner();

        process.client().getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();

        awaitTrue(() -> {
            Stat stat = stat(path);
            return stat != null && stat.getEphemeralOwner() != firstSession;
        });
        assertEquals(List.of("a1"), ids(process.replicas("survivor")));
        awaitTrue(() -> process.status() == NamingStatus.CONNECTED);
    }

    @Test
    void withCredentialsOnlyCredentialedProcessesCanBind() {
        NamingConfig open = NamingConfig.ensemble(zookeeper.getConnectString()).root("/secure");
        ZooKeeperNameService owner = connect("a1", open.credentials("orders", "s3cret"));
        owner.bind("orders", replica("a1", 7001, false, Map.of()), false);
        ZooKeeperNameService stranger = connect("b2", open);

        OrbException refused = assertThrows(OrbException.class,
                () -> stranger.bind("orders", replica("b2", 7002, false, Map.of()), false));
        assertEquals(ErrorCode.UNAUTHORIZED, refused.code(), refused.toString());
        assertEquals(List.of("a1"), ids(stranger.replicas("orders")), "lookups need no credentials");
        connect("c3", open.credentials("orders", "s3cret")).bind("orders", replica("c3", 7003, false, Map.of()), false);
        assertEquals(List.of("a1", "c3"), ids(stranger.replicas("orders")));
    }

    @Test
    void startingWhileZooKeeperIsDownFailsClearlyWithinTheConnectTimeout() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        long start = System.nanoTime();
        UnavailableException e = assertThrows(UnavailableException.class, () -> connect("a1",
                NamingConfig.ensemble("127.0.0.1:" + closedPort).connectTimeout(Duration.ofMillis(500))));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.getMessage().contains("cannot reach ZooKeeper at 127.0.0.1:" + closedPort), e.getMessage());
        assertTrue(millis < 5_000, "gave up after " + millis + " ms");
    }

    private ZooKeeperNameService connect(String replicaId, NamingConfig config) {
        ZooKeeperNameService service = ZooKeeperNameService.connect(new NameServiceSettings(config, replicaId, "test"));
        services.add(service);
        return service;
    }

    private Stat stat(String path) {
        try {
            return observer.checkExists().forPath(path);
        } catch (Exception e) {
            return null;
        }
    }

    static Replica replica(String id, int port, boolean exclusive, Map<String, String> metadata) {
        return new Replica(id, ref(port, "any"), exclusive, metadata);
    }

    static RemoteRef ref(int port, String objectId) {
        return new RemoteRef("Ledger", objectId.equals("any") ? "ledger" : objectId,
                List.of(Endpoint.tcp("127.0.0.1", port)), 0x1234);
    }

    private static List<String> ids(List<Replica> replicas) {
        return replicas.stream().map(Replica::id).toList();
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
