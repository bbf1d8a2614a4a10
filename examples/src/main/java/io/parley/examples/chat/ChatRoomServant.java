package io.parley.examples.chat;

import io.parley.Export;
import io.parley.OrbException;
import io.parley.Unreferenced;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The room. Each member gets a {@link ChatSession} of its own, exported implicitly when {@link #join} returns it and
 * leased to the member's connection: when the member leaves, releases it, or its process dies, the lease ends and
 * the Orb unexports the session and calls {@link Session#unreferenced()}, which removes the member. A member whose
 * callback fails is removed at once.
 */
@Export("chat")
public final class ChatRoomServant implements ChatRoom {
    private static final Logger log = LoggerFactory.getLogger(ChatRoomServant.class);
    private static final String ROOM = "room";

    private final Map<String, ChatListener> members = new LinkedHashMap<>();

    @Override
    public ChatSession join(String nick, ChatListener listener) throws NickInUse {
        synchronized (members) {
            if (members.containsKey(nick) || nick.equals(ROOM)) {
                throw new NickInUse("'" + nick + "' is taken; choose another nick");
            }
            members.put(nick, listener);
        }
        broadcast(ROOM, nick + " joined");
        return new Session(nick);
    }

    @Override
    public List<String> members() {
        synchronized (members) {
            return List.copyOf(members.keySet());
        }
    }

    private void broadcast(String from, String text) {
        List<Map.Entry<String, ChatListener>> now;
        synchronized (members) {
            now = new ArrayList<>(members.entrySet());
        }
        for (Map.Entry<String, ChatListener> member : now) {
            try {
                member.getValue().heard(from, text);
            } catch (OrbException e) {
                log.info("{} cannot be reached ({}); removing it", member.getKey(), e.code());
                remove(member.getKey(), "could not be reached");
            }
        }
    }

    private void remove(String nick, String why) {
        boolean removed;
        synchronized (members) {
            removed = members.remove(nick) != null;
        }
        if (removed) {
            broadcast(ROOM, nick + " " + why);
        }
    }

    /** One member's session; the member's lease on it keeps it exported. */
    private final class Session implements ChatSession, Unreferenced {
        private final String nick;

        Session(String nick) {
            this.nick = nick;
        }

        @Override
        public void say(String text) {
            broadcast(nick, text);
        }

        @Override
        public void leave() {
            remove(nick, "left");
        }

        @Override
        public void unreferenced() {
            remove(nick, "vanished");
        }
    }
}
