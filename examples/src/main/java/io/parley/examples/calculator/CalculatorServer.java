package io.parley.examples.calculator;

import io.parley.Orb;
import io.parley.RemoteRef;
import java.io.IOException;
import java.io.InputStream;

/**
 * The server process: exports the calculator, prints its reference, and serves until its standard input closes.
 * Run: {@code java -cp … io.parley.examples.calculator.CalculatorServer [port]}.
 */
public final class CalculatorServer {
    private CalculatorServer() {
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        try (Orb orb = Orb.builder().name("calculator-server").port(port).build()) {
            RemoteRef ref = orb.export(new CalculatorServant());
            System.out.println("REF " + ref);
            System.out.flush();
            InputStream in = System.in;
            while (in.read() >= 0) {
                // Serve until the parent closes our input (or the process is stopped).
            }
        }
    }
}
