package io.parley.bench.leases;

import io.parley.Orb;
import io.parley.RemoteRef;
import io.parley.bench.ServerMain;
import io.parley.bench.parley.BenchListener;
import io.parley.bench.parley.BenchService;
import io.parley.bench.parley.ValueListener;
import java.time.Duration;

/**
 * The lease experiment's client JVM, which owns the callback objects: an Orb with the lease time of the first
 * argument (ms) connected over TCP to the server of the second (its reference). It serves a {@link CallbackDriver},
 * through which the harness has it pass new listeners to the server, and a {@link FootprintProbe}. Prints both
 * references, separated by a space.
 */
public final class LeaseClient {

    private LeaseClient() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: LeaseClient <lease time ms> <server reference>");
        }
        Orb orb = Orb.builder().name("bench-lease-client").leaseTime(Duration.ofMillis(Long.parseLong(args[0])))
                .sharedMemory(false).build();
        BenchService server = orb.connect(RemoteRef.parse(args[1]), BenchService.class);
        String driver = orb.export(new Driver(server)).toString();
        String probe = orb.export(new FootprintServant(orb)).toString();
        ServerMain.serveUntilStdinCloses(driver + " " + probe, orb::close);
    }

    /** Passes new listeners to the server, one call each, from the harness's calling thread. */
    private static final class Driver implements CallbackDriver {
        private final BenchService server;
        private int next;

        Driver(BenchService server) {
            this.server = server;
        }

        @Override
        public synchronized int passNewCallbacks(int count) {
            int ok = 0;
            for (int i = 0; i < count; i++) {
                int value = next++;
                if (server.callBack(new BenchListener(), value) == ValueListener.expected(value)) {
                    ok++;
                }
            }
            return ok;
        }
    }
}
