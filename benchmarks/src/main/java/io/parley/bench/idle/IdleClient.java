package io.parley.bench.idle;

import io.parley.Endpoint;
import io.parley.Orb;
import io.parley.RemoteRef;
import io.parley.bench.ServerMain;
import io.parley.bench.parley.BenchService;

/**
 * A client JVM of the idle-CPU experiment. {@code none}: an Orb with default settings that connects nowhere (the
 * baseline); {@code tcp <ref>} or {@code shm <ref>}: an Orb with shared memory off or on that connects to the server
 * of {@code ref} and makes one call, so that the connection is open, then stays idle until stdin closes.
 */
public final class IdleClient {

    private IdleClient() {
    }

    public static void main(String[] args) {
        String mode = args.length == 0 ? "" : args[0];
        if (!(mode.equals("none") && args.length == 1 || (mode.equals("tcp") || mode.equals("shm")) && args.length == 2)) {
            throw new IllegalArgumentException("usage: IdleClient none | tcp <server reference> | shm <server reference>");
        }
        Orb orb = Orb.builder().name("bench-idle-client-" + mode).sharedMemory(!mode.equals("tcp")).build();
        String state = "unconnected";
        if (!mode.equals("none")) {
            RemoteRef ref = RemoteRef.parse(args[1]);
            if (mode.equals("shm") && ref.endpoints().stream().noneMatch(e -> e.transport().equals(Endpoint.SHM))) {
                throw new IllegalStateException("the server offers no shared-memory endpoint: " + ref);
            }
            int sum = orb.connect(ref, BenchService.class).add(1, 2);
            if (sum != 3) {
                throw new IllegalStateException("add(1, 2) returned " + sum);
            }
            state = "connected";
        }
        ServerMain.serveUntilStdinCloses(state, orb::close);
    }
}
