package io.parley.it.refs;

import io.parley.Remote;

/** An object handed out by reference. */
@Remote
public interface Counter {
    int increment();

    String name();
}
