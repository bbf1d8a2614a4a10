package io.parley.it.refs;

import io.parley.Remote;

/** A callback object that clients pass to the hub. */
@Remote
public interface Listener {
    void onEvent(String event);
}
