package io.parley.examples.chat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The chat example runs end to end: four JVMs, callbacks to members without a port, one member killed. */
class ChatDemoTest {

    @Test
    @Timeout(120)
    void membersHearTheRoomAndTheServerForgetsThemAll() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean backToBefore = ChatDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(backToBefore, "the server's export table did not come back to its size:\n" + output);
        assertTrue(output.contains("JOINED alice listening on no port of its own"), output);
        assertTrue(output.contains("bob | HEARD alice: hello, everyone"), output);
        assertTrue(output.contains("members after carol's death: [alice, bob]"), output);
        assertTrue(output.contains("alice | HEARD room: bob left"), output);
    }
}
