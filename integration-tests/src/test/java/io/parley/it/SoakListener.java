package io.parley.it;

import io.parley.Remote;

/** The soak test's callback: lives in the client, called by the server while it serves a call. */
@Remote
public interface SoakListener {
    int echo(int value);
}
