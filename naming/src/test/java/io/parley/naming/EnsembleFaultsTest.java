package io.parley.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.BindOptions;
import io.parley.NamingConfig;
import io.parley.NamingStatus;
import io.parley.Orb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Naming on a real 3-node ZooKeeper ensemble whose nodes the tests stop and start. */
@Timeout(90)
class EnsembleFaultsTest {
    private TestingCluster ensemble;
    private final List<Orb> orbs = new ArrayList<>();

    @BeforeEach
    void startEnsemble() throws Exception {
        ensemble = new TestingCluster(3);
        ensemble.start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        orbs.forEach(Orb::close);
        ensemble.close();
    }

    @Test
    void oneStoppedNodeOfThreeChangesNothingForUsers() throws Exception {
        Orb server = orb("s1");
        server.naming().bind("ledger", new LedgerServant("s1", null), BindOptions.replicated());
        Orb client = orb("client");
        Ledger ledger = client.naming().lookup("ledger", Ledger.class);

        ensemble.killServer(ensemble.getInstances().iterator().next());

        assertEquals("s1", ledger.server());
        orb("s2").naming().bind("ledger", new LedgerServant("s2", null), BindOptions.replicated());
        NamingTest.awaitTrue(() -> client.naming().resolve("ledger").size() == 2);
        NamingTest.awaitTrue(() -> client.naming().status() == NamingStatus.CONNECTED);
    }

    @Test
    void whileTheWholeEnsembleIsDownProxiesKeepWorkingAndBindingsReturnAfterwards() throws Exception {
        Orb server = orb("s1");
        server.naming().bind("ledger", new LedgerServant("s1", null), BindOptions.replicated());
        Orb client = orb("client");
        Ledger ledger = client.naming().lookup("ledger", Ledger.class);

        for (InstanceSpec node : ensemble.getInstances()) {
            ensemble.killServer(node);
        }
        NamingTest.awaitTrue(() -> client.naming().status() == NamingStatus.DISCONNECTED);
        assertEquals("s1", ledger.server(), "the last known replica is still called");
        Thread.sleep(5000);    // longer than the session timeout: the sessions expire once the ensemble is back
        assertEquals("s1", ledger.server());

        for (InstanceSpec node : ensemble.getInstances()) {
            ensemble.restartServer(node);
        }
        NamingTest.awaitTrue(() -> server.naming().status() == NamingStatus.CONNECTED);
        Orb newcomer = orb("newcomer");
        NamingTest.awaitTrue(() -> newcomer.naming().resolve("ledger").size() == 1);
        assertEquals("s1", newcomer.naming().lookup("ledger", Ledger.class).server());
    }

    private Orb orb(String name) {
        Orb orb = Orb.builder().name(name).naming(NamingConfig.ensemble(ensemble.getConnectString())
                .sessionTimeout(Duration.ofSeconds(4)).connectTimeout(Duration.ofSeconds(5))).build();
        orbs.add(orb);
        return orb;
    }
}
