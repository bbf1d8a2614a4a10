package io.parley.examples.chat;

import io.parley.Orb;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A chat member's process. It opens no port of its own: the room's callbacks come back over the connection this
 * process opened. Arguments: the room's reference and a nick. Prints {@code JOINED}, then {@code HEARD <from>:
 * <text>} for everything it hears; standard input: {@code say <text>}, {@code leave} (prints {@code LEFT}).
 */
public final class ChatClient {
    private ChatClient() {
    }

    /** The listener: an ordinary object of this process, passed to the room by reference. */
    private static final class Printer implements ChatListener {
        @Override
        public void heard(String from, String text) {
            System.out.println("HEARD " + from + ": " + text);
        }
    }

    public static void main(String[] args) throws Exception {
        String ref = args[0];
        String nick = args[1];
        try (Orb orb = Orb.builder().name("chat-" + nick).build()) {
            ChatRoom room = orb.connect(ref, ChatRoom.class);
            ChatSession session = room.join(nick, new Printer());
            System.out.println("JOINED " + nick + " listening on " + orb.endpoint().map(Object::toString)
                    .orElse("no port of its own"));
            BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = input.readLine()) != null; ) {
                if (line.startsWith("say ")) {
                    session.say(line.substring(4));
                } else if (line.equals("leave")) {
                    session.leave();
                    orb.release(session);
                    System.out.println("LEFT");
                    return;
                }
            }
        }
    }
}
