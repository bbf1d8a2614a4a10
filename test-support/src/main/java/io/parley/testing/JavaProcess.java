package io.parley.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A second JVM running a main class on this JVM's class path: what tests use where processes matter (a client and
 * a server in different processes, kill -9). Its standard output is read line by line; its standard input stays open
 * so that the child can take commands, and the child is expected to exit when it is closed.
 *
 * <p>{@link #close()} closes standard input, waits briefly, then destroys the process forcibly: a test never leaves a
 * JVM behind.
 */
public final class JavaProcess implements AutoCloseable {
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = java.util.Collections.synchronizedList(new ArrayList<>());

    private JavaProcess(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readOutput, "java-process-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code mainClass} with {@code args} in a new JVM of the same Java installation and class path. */
    public static JavaProcess start(Class<?> mainClass, String... args) {
        return start(List.of(), mainClass, args);
    }

    /** As {@link #start(Class, String...)}, with extra JVM options (system properties, heap size). */
    public static JavaProcess start(List<String> jvmOptions, Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        try {
            return new JavaProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a JVM for " + mainClass.getName(), e);
        }
    }

    /**
     * Waits for an output line that {@code accept} takes, and returns it.
     *
     * @throws IllegalStateException with everything the process printed when it does not come in time or the
     *                               process exits first
     */
    public String awaitLine(Predicate<String> accept, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left > 0 ? lines.poll(Math.min(left, 100_000_000L), TimeUnit.NANOSECONDS) : null;
                if (line != null && accept.test(line)) {
                    return line;
                }
                if (line == null && (left <= 0 || !process.isAlive() && lines.isEmpty())) {
                    throw new IllegalStateException("no expected line from pid " + process.pid() + " (alive="
                            + process.isAlive() + "); it printed:\n" + String.join("\n", transcript));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Waits for a line starting with {@code prefix} and returns the rest of it. */
    public String awaitValue(String prefix, Duration timeout) {
        return awaitLine(line -> line.startsWith(prefix), timeout).substring(prefix.length()).trim();
    }

    /** Sends one line to the process's standard input. */
    public void send(String line) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new IllegalStateException("process " + process.pid() + " no longer reads its input", e);
        }
    }

    /** Kills the process at once (SIGKILL, as kill -9) and waits for it to be gone. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    /** Waits for the process to exit; returns its exit code, or -1 if it is still running. */
    public int waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything printed so far. */
    public String transcript() {
        return String.join("\n", transcript);
    }

    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException e) {
            // The child may have exited already; destroying it below is what matters.
        }
        if (waitFor(Duration.ofSeconds(5)) == -1) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
        }
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                transcript.add(line);
                lines.add(line);
            }
        } catch (IOException e) {
            transcript.add("[output closed: " + e + "]");
        }
    }
}
