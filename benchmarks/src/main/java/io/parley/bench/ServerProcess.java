package io.parley.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One server JVM. It prints {@link ServerMain#READY} and a value (its port or reference) on stdout when it serves,
 * and exits when its stdin closes. Its stderr goes to a log file.
 */
public final class ServerProcess {

    private static final long READY_TIMEOUT_SECONDS = 60;
    private static final long STOP_TIMEOUT_SECONDS = 5;

    private final String name;
    private final Process process;
    private final Path log;
    private final CompletableFuture<String> ready = new CompletableFuture<>();

    private ServerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ServerProcess launch(String name, List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectError(log.toFile())
                .start();
        ServerProcess server = new ServerProcess(name, process, log);
        Thread reader = new Thread(server::readStdout, "bench-" + name + "-stdout");
        reader.setDaemon(true);
        reader.start();
        return server;
    }

    /** What the server printed after the ready marker. */
    public String readyValue() {
        return ready.getNow(null);
    }

    /** The server's process id. */
    public long pid() {
        return process.pid();
    }

    void awaitReady() throws IOException {
        try {
            ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            stop();
            throw new IOException("server " + name + " did not start: " + e.getCause().getMessage() + logTail(), e);
        } catch (TimeoutException e) {
            stop();
            throw new IOException("server " + name + " printed no ready line within " + READY_TIMEOUT_SECONDS + " s"
                    + logTail(), e);
        } catch (InterruptedException e) {
            stop();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting server " + name, e);
        }
    }

    /**
     * Sends SIGKILL ({@code destroyForcibly}) and returns at once: the failover case takes its time just before this
     * and must not include the wait for the process to go. See {@link #awaitExit}.
     */
    public void kill() {
        process.destroyForcibly();
    }

    /** Waits at most {@code timeout} for the process to exit; returns whether it has. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes the server's stdin (its signal to exit), then kills it if it has not exited in a few seconds. */
    public void stop() {
        try {
            process.getOutputStream().close();
        } catch (IOException alreadyGone) {
            // The process has exited.
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void readStdout() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!ready.isDone() && line.startsWith(ServerMain.READY)) {
                    ready.complete(line.substring(ServerMain.READY.length()).trim());
                }
                // Other lines are drained so that the server never blocks on a full pipe.
            }
        } catch (IOException e) {
            // The stream closes when the process exits.
        }
        ready.completeExceptionally(new IOException("the server exited with code " + exitCode()));
    }

    private String exitCode() {
        try {
            return process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 20), lines.size());
            return tail.isEmpty() ? " (log " + log + " is empty)" : "; last lines of " + log + ":\n  " + String.join("\n  ", tail);
        } catch (IOException e) {
            return " (no log: " + e.getMessage() + ")";
        }
    }
}
