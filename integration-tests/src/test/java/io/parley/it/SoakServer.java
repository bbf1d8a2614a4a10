package io.parley.it;

import io.parley.Orb;
import io.parley.RemoteRef;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * The soak test's server process: exports a {@link SoakImpl}, prints {@code REF <reference>}; on {@code heap} it
 * collects garbage and prints {@code HEAP <bytes used>} (a measurement in a test process; library code never asks
 * for a collection); end of input closes the Orb.
 */
public final class SoakServer {
    private SoakServer() {
    }

    public static void main(String[] args) throws Exception {
        Orb orb = Orb.builder().name("soak-server").build();
        RemoteRef ref = orb.export(new SoakImpl());
        System.out.println("REF " + ref);
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = input.readLine()) != null; ) {
            if (line.equals("heap")) {
                System.out.println("HEAP " + usedHeapAfterCollection());
            }
        }
        orb.close();
    }

    private static long usedHeapAfterCollection() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            ManagementFactory.getMemoryMXBean().gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
