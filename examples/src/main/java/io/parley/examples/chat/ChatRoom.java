package io.parley.examples.chat;

import io.parley.Remote;
import java.util.List;

/** A chat room: members join with a listener that the room calls back, and talk through their session. */
@Remote
public interface ChatRoom {
    /**
     * Joins under {@code nick}. The room calls {@code listener} back (it lives in the member's process and travels
     * by reference); the returned session, an object of the room's process, is the member's handle.
     */
    ChatSession join(String nick, ChatListener listener) throws NickInUse;

    /** The members now, in the order they joined. */
    List<String> members();

    /** Another member has this nick. */
    class NickInUse extends Exception {
        private static final long serialVersionUID = 1L;

        public NickInUse(String message) {
            super(message);
        }
    }
}
