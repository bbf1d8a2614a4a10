package io.parley.it;

import io.parley.Orb;
import io.parley.RemoteRef;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A server process for the end-to-end tests: exports a {@link ShopImpl}, prints {@code REF <reference>}, then takes
 * commands on standard input: {@code close} closes the Orb gracefully and prints {@code CLOSED}; end of input does
 * the same and exits.
 */
public final class ShopServer {
    private ShopServer() {
    }

    public static void main(String[] args) throws Exception {
        Orb orb = Orb.builder().name("shop-server").build();
        RemoteRef ref = orb.export(new ShopImpl());
        System.out.println("REF " + ref);
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = input.readLine()) != null && !line.equals("close")) {
            System.out.println("unknown command: " + line);
        }
        long start = System.nanoTime();
        orb.close();
        System.out.println("CLOSED after " + (System.nanoTime() - start) / 1_000_000 + " ms");
        System.out.flush();
    }
}
