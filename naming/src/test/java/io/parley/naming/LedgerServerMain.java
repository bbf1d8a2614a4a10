package io.parley.naming;

import io.parley.NamingConfig;
import io.parley.Orb;
import io.parley.RemoteRef;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A server JVM for the naming tests: exports an {@code @Export("ledger")} servant with naming on the ensemble given
 * as the first argument (so it is bound on export), prints {@code READY <ref>}, and closes its Orb when its input ends.
 * A third argument names a file for the servant's journal (standard output otherwise): a file keeps every line a
 * killed JVM wrote, where the tail of a killed process's output pipe can be lost while the JDK drains it.
 */
public final class LedgerServerMain {
    private LedgerServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Orb orb = Orb.builder().name(args[1]).naming(NamingConfig.ensemble(args[0])).build();
        PrintStream journal = args.length > 2
                ? new PrintStream(new FileOutputStream(args[2], true), true, StandardCharsets.UTF_8) : System.out;
        RemoteRef ref = orb.export(new LedgerServant(args[1], journal));
        System.out.println("READY " + ref);
        System.out.flush();
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (input.readLine() != null) {
            // Serve until the test closes our input.
        }
        orb.close();
        System.out.println("CLOSED");
        System.out.flush();
    }
}
