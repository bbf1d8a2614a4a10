package io.parley.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code src/test/python/plain_server.py} running as a subprocess: a plain Python Thrift server serving
 * {@link Shop}. It exits by itself after its lifetime even if the test dies; {@link #close()} kills it sooner.
 */
final class PlainPythonServer implements AutoCloseable {
    private static final Path SCRIPT = Path.of("src/test/python/plain_server.py").toAbsolutePath();
    private static final Duration LIFETIME = Duration.ofSeconds(120);
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final int port;

    /**
     * Starts the server and waits until it prints its port.
     *
     * @param mode     {@code plain}, or {@code multiplexed:Name} for a {@code TMultiplexedProcessor}
     * @param protocol {@code compact} or {@code binary}
     */
    PlainPythonServer(Path generatedPython, String mode, String protocol) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(ThriftTools.PYTHON.toString(), "-u", SCRIPT.toString(),
                mode, protocol, String.valueOf(LIFETIME.toSeconds()))).redirectErrorStream(true);
        builder.environment().put("PYTHONPATH", generatedPython.toString());
        process = builder.start();
        CompletableFuture<Integer> announced = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(announced), "plain-python-server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            port = announced.get(STARTUP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            close();
            throw new IllegalStateException("plain_server.py " + mode + " " + protocol + " did not announce its port"
                    + " within " + STARTUP + ": " + e + "\n" + output, e);
        }
    }

    int port() {
        return port;
    }

    /** Everything the server printed so far. */
    String output() {
        return output.toString();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readOutput(CompletableFuture<Integer> announced) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("PORT ") && !announced.isDone()) {
                    announced.complete(Integer.parseInt(line.substring("PORT ".length()).trim()));
                }
            }
        } catch (IOException | RuntimeException e) {
            announced.completeExceptionally(e);
        }
        // The process ended (or its output closed) without announcing a port: fail the wait now, not at its bound.
        announced.completeExceptionally(new IllegalStateException("the server exited"));
    }
}
