package io.parley.examples.replicated;

import io.parley.Idempotent;
import io.parley.Remote;

/** A greeter, served by several processes under one name. */
@Remote
public interface Greeter {

    /** Idempotent: a call lost with a server is safely repeated on another. The answer names the server. */
    @Idempotent
    String greet(String who);
}
