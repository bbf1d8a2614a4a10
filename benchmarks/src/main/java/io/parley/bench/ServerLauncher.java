package io.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts server JVMs with the same java and class path as this one, and stops every one of them: when asked, when
 * the benchmark ends, and from a shutdown hook if it ends abnormally. A server whose parent dies without running
 * hooks (kill -9) still stops, because its stdin reaches end of file.
 */
public final class ServerLauncher implements AutoCloseable {

    private final Path logDirectory;
    private final List<ServerProcess> started = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopAll, "bench-server-reaper");

    public ServerLauncher(Path logDirectory) throws IOException {
        this.logDirectory = Files.createDirectories(logDirectory);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code mainClass} in a new JVM and waits for its ready line.
     *
     * @param name       the server's name, for its log file and messages
     * @param jvmOptions extra options such as system properties
     * @return the started server; its {@link ServerProcess#readyValue()} is what it printed (a port or reference)
     */
    public ServerProcess start(String name, Class<?> mainClass, List<String> jvmOptions) throws IOException {
        return start(name, mainClass, jvmOptions, List.of());
    }

    /** Like {@link #start(String, Class, List)}, passing {@code arguments} to the main class. */
    public ServerProcess start(String name, Class<?> mainClass, List<String> jvmOptions, List<String> arguments)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("-Xmx512m");
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(arguments);
        ServerProcess server = ServerProcess.launch(name, command, logDirectory.resolve(name + "-server.log"));
        synchronized (started) {
            started.add(server);
        }
        server.awaitReady();
        return server;
    }

    /** Stops every server still running. */
    public void stopAll() {
        List<ServerProcess> servers;
        synchronized (started) {
            servers = new ArrayList<>(started);
            started.clear();
        }
        for (ServerProcess server : servers) {
            server.stop();
        }
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run; nothing is left to stop.
        }
    }

    /** The java of this JVM, so that both sides run the same runtime. */
    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
