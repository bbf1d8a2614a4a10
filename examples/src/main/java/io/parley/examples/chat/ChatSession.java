package io.parley.examples.chat;

import io.parley.Remote;

/** One member's handle on the room, exported by the room for that member alone. */
@Remote
public interface ChatSession {
    /** Says {@code text} to every member. */
    void say(String text);

    /** Leaves the room; the session ends. */
    void leave();
}
