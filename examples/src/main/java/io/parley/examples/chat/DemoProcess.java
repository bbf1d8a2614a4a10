package io.parley.examples.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** A JVM of the demo: its output lines, echoed with a prefix, and its standard input for commands. */
final class DemoProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Writer input;
    private final List<String> transcript = new ArrayList<>();
    private final Set<Integer> claimed = new HashSet<>();

    private DemoProcess(String name, Process process, PrintStream out) {
        this.name = name;
        this.process = process;
        this.input = process.outputWriter(StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> read(out), name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    static DemoProcess start(String name, PrintStream out, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new DemoProcess(name, new ProcessBuilder(command).redirectErrorStream(true).start(), out);
    }

    /**
     * The rest of the first line that starts with {@code prefix} and no earlier call returned, waiting up to 30 s
     * (lines may come in any order: a process prints callbacks as they arrive).
     */
    String await(String prefix) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (transcript) {
            for (long left; (left = end - System.nanoTime()) > 0; ) {
                for (int i = 0; i < transcript.size(); i++) {
                    String line = transcript.get(i);
                    if (line.startsWith(prefix) && claimed.add(i)) {
                        return line.substring(prefix.length());
                    }
                }
                transcript.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
            throw new IllegalStateException(name + " printed no line starting with '" + prefix + "' within 30 s; "
                    + "it printed:\n" + String.join("\n", transcript));
        }
    }

    void send(String command) {
        try {
            input.write(command + "\n");
            input.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(name + " no longer reads commands", e);
        }
    }

    /** SIGKILL: the process gets no chance to say goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    long pid() {
        return process.pid();
    }

    private void read(PrintStream out) {
        try (BufferedReader reader = process.inputReader(StandardCharsets.UTF_8)) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("HEARD ") || line.startsWith("JOINED ") || line.startsWith("LEFT")) {
                    out.println("  " + name + " | " + line);
                }
                synchronized (transcript) {
                    transcript.add(line);
                    transcript.notifyAll();
                }
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            input.close();
        } catch (IOException e) {
            // Already gone.
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
