package io.parley.it;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The servant behind {@link Gate}: counts the calls that reached it, and holds them until {@link #open()}. */
public class GateImpl implements Gate {
    final AtomicInteger entered = new AtomicInteger();
    final AtomicInteger bytesCalls = new AtomicInteger();
    private final CountDownLatch gate = new CountDownLatch(1);
    private final List<CompletableFuture<String>> held = new CopyOnWriteArrayList<>();

    @Override
    public int echo(int value) {
        return value;
    }

    @Override
    public CompletableFuture<String> held(String tag) {
        entered.incrementAndGet();
        CompletableFuture<String> result = new CompletableFuture<>();
        held.add(result);
        if (gate.getCount() == 0) {
            result.complete("passed " + tag);
        }
        return result.thenApply(ignored -> "passed " + tag);
    }

    @Override
    public void knock(String tag) {
        entered.incrementAndGet();
        try {
            gate.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public byte[] bytes(int size) {
        bytesCalls.incrementAndGet();
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 7);
        return bytes;
    }

    /** Lets every held call and knock through, now and from now on. */
    void open() {
        gate.countDown();
        held.forEach(future -> future.complete("open"));
    }
}
