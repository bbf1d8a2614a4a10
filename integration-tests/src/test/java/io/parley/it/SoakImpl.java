package io.parley.it;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/** The soak servant: keeps nothing per call, so that its heap shows only what Parley keeps. */
public class SoakImpl implements Soak {
    private final LongAdder notes = new LongAdder();
    private final LongAdder noteSum = new LongAdder();

    @Override
    public int add(int a, int b) {
        return a + b;
    }

    @Override
    public byte[] echo(byte[] payload) {
        return payload;
    }

    @Override
    public CompletableFuture<Integer> addLater(int a, int b) {
        return CompletableFuture.supplyAsync(() -> a + b);
    }

    @Override
    public void note(long value) {
        notes.increment();
        noteSum.add(value);
    }

    @Override
    public int callBack(SoakListener listener, int value) {
        return listener.echo(value) + 1;
    }

    @Override
    public String notes() {
        return notes.sum() + " " + noteSum.sum();
    }
}
