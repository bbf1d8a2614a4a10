package io.parley.it.refs;

import io.parley.Orb;
import io.parley.RemoteRef;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A process serving a {@link HubImpl} under the name "hub", with a short lease time; prints {@code REF <reference>}
 * and runs until its standard input ends.
 */
public final class HubServer {
    private HubServer() {
    }

    public static void main(String[] args) throws Exception {
        Orb orb = Orb.builder().name("hub-" + (args.length > 0 ? args[0] : "server"))
                .leaseTime(Duration.ofMillis(200)).build();
        RemoteRef ref = orb.export("hub", new HubImpl(orb));
        System.out.println("REF " + ref);
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (input.readLine() != null) {
            // Commands are not needed: the process lives until its input closes.
        }
        orb.close();
    }
}
