package io.parley.examples.chat;

import io.parley.Orb;
import io.parley.RemoteRef;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The chat server process: exports the room, prints {@code REF <reference>}, then answers commands on standard
 * input: {@code exports} prints {@code EXPORTS <objects served>}, {@code members} prints {@code MEMBERS [...]}. End
 * of input closes the Orb. Leases last 2 s after their last holder went, so that the demo is quick.
 */
public final class ChatServer {
    private ChatServer() {
    }

    public static void main(String[] args) throws Exception {
        ChatRoomServant room = new ChatRoomServant();
        try (Orb orb = Orb.builder().name("chat-server").leaseTime(Duration.ofSeconds(2)).build()) {
            RemoteRef ref = orb.export(room);
            System.out.println("REF " + ref);
            BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = input.readLine()) != null; ) {
                switch (line) {
                    case "exports" -> System.out.println("EXPORTS " + orb.exportCount());
                    case "members" -> System.out.println("MEMBERS " + room.members());
                    default -> System.out.println("unknown command: " + line);
                }
            }
        }
    }
}
