package io.parley.bench;

import java.io.IOException;
import java.io.InputStream;

/** What every server JVM's main does once it serves: announce itself, then serve until stdin closes. */
public final class ServerMain {

    /** The stdout marker the launcher waits for; the rest of the line is the server's port or reference. */
    public static final String READY = "BENCH-SERVER-READY ";

    private ServerMain() {
    }

    /**
     * Prints the ready line, blocks until stdin reaches end of file (the launcher closed it, or died), runs
     * {@code stop}, and exits the JVM.
     */
    public static void serveUntilStdinCloses(String readyValue, Runnable stop) {
        System.out.println(READY + readyValue);
        System.out.flush();
        try {
            InputStream in = System.in;
            byte[] ignored = new byte[256];
            while (in.read(ignored) >= 0) {
                // Input is not used; only its end matters.
            }
        } catch (IOException e) {
            // Treated as end of input.
        }
        try {
            stop.run();
        } finally {
            System.exit(0);
        }
    }
}
