package io.parley.it;

import io.parley.Remote;

/** A callback for {@link Baton#callBack}: passed by reference, called back by the server. */
@Remote
public interface Tally {
    int bump(int value);
}
