package io.parley.examples.chat;

import io.parley.Oneway;
import io.parley.Remote;

/** What a member hears: the room calls it back, over the connection the member opened. */
@Remote
public interface ChatListener {
    @Oneway
    void heard(String from, String text);
}
