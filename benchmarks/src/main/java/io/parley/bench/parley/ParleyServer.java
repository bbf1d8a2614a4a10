package io.parley.bench.parley;

import io.parley.Orb;
import io.parley.RemoteRef;
import io.parley.TlsConfig;
import io.parley.bench.ServerMain;
import java.nio.file.Path;

/**
 * The Parley server: an Orb with default settings (TCP on loopback, a free port) exporting one servant, chosen by the
 * first argument: {@code executor} for {@link ExecutorServant}, {@code nonblocking} for {@link NonBlockingServant}.
 * With {@code tls <certificate chain PEM> <private key PEM>} after it, the Orb serves TLS with that certificate.
 * Prints the servant's reference.
 */
public final class ParleyServer {

    private ParleyServer() {
    }

    public static void main(String[] args) {
        String kind = args.length == 0 ? "" : args[0];
        if (!kind.equals("executor") && !kind.equals("nonblocking")) {
            throw new IllegalArgumentException("usage: ParleyServer executor|nonblocking [tls <chain> <key>]");
        }
        Orb.Builder builder = Orb.builder().name("bench-server");
        if (args.length == 4 && args[1].equals("tls")) {
            builder.tls(TlsConfig.builder().keyPem(Path.of(args[2]), Path.of(args[3])).build());
        }
        Orb orb = builder.build();
        Object servant = kind.equals("executor") ? new ExecutorServant(orb) : new NonBlockingServant();
        RemoteRef ref = orb.export(servant);
        ServerMain.serveUntilStdinCloses(ref.toString(), orb::close);
    }
}
