package io.parley.it;

import io.parley.Oneway;
import io.parley.Remote;
import java.util.concurrent.CompletableFuture;

/** A remote interface whose calls stay in flight until the test opens the gate: for the overload tests. */
@Remote
public interface Gate {
    int echo(int value);

    /** Completes when the gate opens; the call is in flight (on the server) until then. */
    CompletableFuture<String> held(String tag);

    /** Returns when the gate opens, holding a servant thread until then. */
    @Oneway
    void knock(String tag);

    /** {@code size} bytes: a large answer from a small call. */
    byte[] bytes(int size);
}
