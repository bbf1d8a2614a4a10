package io.parley.examples.replicated;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The replicated example runs end to end: embedded ZooKeeper, three server JVMs, one killed, no call lost. */
class ReplicatedDemoTest {

    @Test
    @Timeout(90)
    void callsSpreadOverThreeReplicasAndContinueWhenOneIsKilled() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            // A free port, not the default: other builds on this host may run the demo at the same time.
            port = free.getLocalPort();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ReplicatedDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), port);
        String output = bytes.toString(StandardCharsets.UTF_8);

        assertTrue(output.contains("replicas of 'greeter': 3"), output);
        assertTrue(output.contains("calls spread over replicas: {server-1=10, server-2=10, server-3=10}"), output);
        assertTrue(output.contains("killed server-1 (SIGKILL)"), output);
        assertTrue(output.contains("calls after the kill: {server-2=15, server-3=15}"), output);
        assertTrue(output.contains("servers stopped"), output);
    }
}
