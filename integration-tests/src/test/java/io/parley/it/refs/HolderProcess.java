package io.parley.it.refs;

import io.parley.Orb;
import io.parley.RemoteRef;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A process that takes a counter from the hub given as argument (the hub's Orb leases it to this process), prints
 * {@code HOLDING <value>} and then holds the proxy until killed or until its input ends.
 */
public final class HolderProcess {
    private HolderProcess() {
    }

    public static void main(String[] args) throws Exception {
        Orb orb = Orb.builder().name("holder").build();
        Hub hub = orb.connect(RemoteRef.parse(args[0]), Hub.class);
        Counter counter = hub.newCounter("held");
        System.out.println("HOLDING " + counter.increment());
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (input.readLine() != null) {
            counter.increment();
        }
        orb.close();
    }
}
