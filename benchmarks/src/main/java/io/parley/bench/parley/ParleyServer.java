package io.parley.bench.parley;

import io.parley.Orb;
import io.parley.RemoteRef;
import io.parley.bench.ServerMain;

/**
 * The Parley server: an Orb with default settings (TCP on loopback, a free port) exporting one servant, chosen by the
 * first argument: {@code executor} for {@link ExecutorServant}, {@code nonblocking} for {@link NonBlockingServant}.
 * Prints the servant's reference.
 */
public final class ParleyServer {

    private ParleyServer() {
    }

    public static void main(String[] args) {
        Object servant = switch (args.length == 0 ? "" : args[0]) {
            case "executor" -> new ExecutorServant();
            case "nonblocking" -> new NonBlockingServant();
            default -> throw new IllegalArgumentException("usage: ParleyServer executor|nonblocking");
        };
        Orb orb = Orb.builder().name("bench-server").build();
        RemoteRef ref = orb.export(servant);
        ServerMain.serveUntilStdinCloses(ref.toString(), orb::close);
    }
}
