package io.parley.examples.replicated;

import io.parley.NamingConfig;
import io.parley.Orb;
import java.io.InputStream;

/**
 * One replica: exports a {@link GreeterServant}, which binds it under {@code greeter}, and serves until its standard
 * input closes. Run: {@code java -cp … io.parley.examples.replicated.GreeterServer NAME [ZOOKEEPER]} where
 * {@code ZOOKEEPER} is a connect string ({@code host:port,host:port/chroot}) or a port of the embedded ZooKeeper
 * (default {@value NamingConfig#DEFAULT_EMBEDDED_PORT}).
 */
public final class GreeterServer {
    private GreeterServer() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        NamingConfig naming = args.length < 2 ? NamingConfig.embedded() : naming(args[1]);
        try (Orb orb = Orb.builder().name(name).naming(naming).build()) {
            System.out.println("READY " + orb.export(new GreeterServant(name)));
            System.out.flush();
            InputStream in = System.in;
            while (in.read() >= 0) {
                // Serve until the parent closes our input (or kills us).
            }
        }
    }

    /** A port means the embedded ZooKeeper on that port; anything else is an ensemble's connect string. */
    static NamingConfig naming(String zookeeper) {
        return zookeeper.matches("[0-9]+") ? NamingConfig.embedded(Integer.parseInt(zookeeper))
                : NamingConfig.ensemble(zookeeper);
    }
}
