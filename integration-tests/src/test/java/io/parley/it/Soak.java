package io.parley.it;

import io.parley.Oneway;
import io.parley.Remote;
import java.util.concurrent.CompletableFuture;

/** The soak test's remote interface: one method of each kind of call. */
@Remote
public interface Soak {
    int add(int a, int b);

    byte[] echo(byte[] payload);

    CompletableFuture<Integer> addLater(int a, int b);

    @Oneway
    void note(long value);

    /** Calls {@code listener} back once, while serving this call, and returns its answer plus one. */
    int callBack(SoakListener listener, int value);

    /** How many notes arrived, and their sum, as {@code "count sum"}. */
    String notes();
}
