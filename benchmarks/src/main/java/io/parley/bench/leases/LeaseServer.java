package io.parley.bench.leases;

import io.parley.Orb;
import io.parley.bench.ServerMain;
import io.parley.bench.parley.ExecutorServant;

/**
 * The lease experiment's server JVM: an Orb with default settings serving the benchmark's executor servant (which
 * calls each listener back once and releases its proxy) and a {@link FootprintProbe}. Prints both references,
 * separated by a space.
 */
public final class LeaseServer {

    private LeaseServer() {
    }

    public static void main(String[] args) {
        Orb orb = Orb.builder().name("bench-lease-server").build();
        String service = orb.export(new ExecutorServant(orb)).toString();
        String probe = orb.export(new FootprintServant(orb)).toString();
        ServerMain.serveUntilStdinCloses(service + " " + probe, orb::close);
    }
}
