package io.parley.examples.calculator;

import io.parley.Orb;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole example in one command: starts {@link CalculatorServer} in a second JVM, calls it from this one with
 * {@link CalculatorClient}, then stops the server.
 */
public final class CalculatorDemo {
    private CalculatorDemo() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs the demo, printing to {@code out}. */
    public static void run(PrintStream out) throws Exception {
        Process server = startServer();
        try {
            String ref = awaitReference(server);
            out.println("server (pid " + server.pid() + ") exported " + ref);
            try (Orb orb = Orb.builder().name("calculator-client").build()) {
                CalculatorClient.run(orb.connect(ref, Calculator.class), out);
            }
        } finally {
            server.getOutputStream().close();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            out.println("server stopped");
        }
    }

    private static Process startServer() throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                CalculatorServer.class.getName())).redirectErrorStream(true).start();
    }

    private static String awaitReference(Process server) throws java.io.IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("REF ")) {
                return line.substring(4);
            }
        }
        throw new IllegalStateException("the calculator server exited without printing its reference");
    }
}
