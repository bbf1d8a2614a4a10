package io.parley.it;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The servant behind {@link Baton}. */
public class BatonImpl implements Baton {
    private final Map<Integer, CountDownLatch> latches = new ConcurrentHashMap<>();
    /** Calls that entered {@link #awaitRelease} so far. */
    final AtomicInteger waiting = new AtomicInteger();

    @Override
    public String threadName() {
        return Thread.currentThread().getName();
    }

    @Override
    public int awaitRelease(int token) {
        waiting.incrementAndGet();
        try {
            if (!latch(token).await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("token " + token + " was not released within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for token " + token, e);
        }
        return token;
    }

    @Override
    public void release(int token) {
        latch(token).countDown();
    }

    private CountDownLatch latch(int token) {
        return latches.computeIfAbsent(token, t -> new CountDownLatch(1));
    }

    @Override
    public int add(int a, int b) {
        return a + b;
    }

    @Override
    public int slow(int value, int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return value;
    }

    @Override
    public String callBack(Tally tally, int value) {
        String thread = Thread.currentThread().getName();
        return tally.bump(value) + " " + thread;
    }
}
