package io.parley.examples.replicated;

import io.parley.NamingConfig;
import io.parley.Orb;
import io.parley.OrbException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Replicas, load balancing and failover in one command: this process starts the embedded ZooKeeper (it is the first
 * to use naming), starts three {@link GreeterServer} JVMs that bind themselves under {@code greeter}, calls the name
 * in a loop, kills one server with SIGKILL, and goes on calling. Run:
 * {@code java -cp … io.parley.examples.replicated.ReplicatedDemo [ZOOKEEPER_PORT]}.
 */
public final class ReplicatedDemo {
    private static final int CALLS = 30;

    private ReplicatedDemo() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out, args.length > 0 ? Integer.parseInt(args[0]) : NamingConfig.DEFAULT_EMBEDDED_PORT);
    }

    /** Runs the demo with the embedded ZooKeeper on {@code zookeeperPort}, printing to {@code out}. */
    public static void run(PrintStream out, int zookeeperPort) throws Exception {
        List<Process> servers = new ArrayList<>();
        Orb client = Orb.builder().name("greeter-client").naming(NamingConfig.embedded(zookeeperPort)).build();
        try {
            client.naming().list("");    // first use of naming: starts the embedded ZooKeeper here
            for (String name : List.of("server-1", "server-2", "server-3")) {
                servers.add(startServer(name, zookeeperPort));
            }
            for (Process server : servers) {
                out.println("started " + awaitReady(server));
            }
            Greeter greeter = client.naming().lookup("greeter", Greeter.class);
            awaitReplicas(client, 3);
            out.println("replicas of 'greeter': " + client.naming().resolve("greeter").size());

            out.println("calls spread over replicas: " + callInLoop(greeter, out));
            servers.get(0).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            out.println("killed server-1 (SIGKILL)");
            out.println("calls after the kill: " + callInLoop(greeter, out));
        } finally {
            // Servers first: they unbind as they close, which needs the ZooKeeper this process hosts.
            for (Process server : servers) {
                stop(server);
            }
            out.println("servers stopped");
            client.close();
        }
    }

    /** Calls the name {@value #CALLS} times; returns how many answers each server gave, and the failures. */
    private static Map<String, Integer> callInLoop(Greeter greeter, PrintStream out) {
        Map<String, Integer> answers = new TreeMap<>();
        for (int i = 0; i < CALLS; i++) {
            try {
                String answer = greeter.greet("call " + i);
                answers.merge(answer.substring(answer.lastIndexOf(' ') + 1), 1, Integer::sum);
            } catch (OrbException e) {
                answers.merge("failed", 1, Integer::sum);
                out.println("call " + i + " failed: " + e);
            }
        }
        return answers;
    }

    private static void awaitReplicas(Orb client, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (client.naming().resolve("greeter").size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static Process startServer(String name, int zookeeperPort) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                GreeterServer.class.getName(), name, Integer.toString(zookeeperPort)))
                .redirectErrorStream(true).start();
    }

    private static String awaitReady(Process server) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("READY ")) {
                // The server logs on; nobody reads the rest, so let it write to a pipe that is drained.
                Thread drain = new Thread(() -> lines.lines().forEach(ignored -> { }), "drain-" + server.pid());
                drain.setDaemon(true);
                drain.start();
                return line.substring(6);
            }
        }
        throw new IllegalStateException("a greeter server exited before it was ready");
    }

    private static void stop(Process server) throws Exception {
        if (server.isAlive()) {
            server.getOutputStream().close();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
