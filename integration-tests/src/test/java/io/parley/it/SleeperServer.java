package io.parley.it;

import io.parley.Orb;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A server process for the cancellation tests, with the Orb's defaults (TCP, and shared memory under
 * {@code -Dparley.shm.dir}): exports a {@link SleeperImpl}, prints {@code SLEEPER <reference>}, and closes when its
 * standard input ends.
 */
public final class SleeperServer {
    private SleeperServer() {
    }

    public static void main(String[] args) throws Exception {
        Orb orb = Orb.builder().name("sleeper-server").build();
        System.out.println("SLEEPER " + orb.export("sleeper", new SleeperImpl()));
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (input.readLine() != null) {
            // No commands: the test ends the process by closing its input.
        }
        orb.close();
    }
}
