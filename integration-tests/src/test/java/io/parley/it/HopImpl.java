package io.parley.it;

import io.parley.CallContext;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link Hop} servant; {@code next} is the proxy of the following hop (null for the last). */
final class HopImpl implements Hop {
    final AtomicInteger calls = new AtomicInteger();
    /** What {@link #forwardSlow} saw of its nested call: the failure, or the result. */
    final BlockingQueue<Object> nestedOutcomes = new LinkedBlockingQueue<>();
    /** How long the nested call of {@link #forwardSlow} took, in ms. */
    final BlockingQueue<Long> nestedMillis = new LinkedBlockingQueue<>();
    volatile Hop next;

    @Override
    public String seen(String key) {
        calls.incrementAndGet();
        CallContext context = CallContext.current();
        if (context == null) {
            return "no context";
        }
        byte[] bytes = context.getBytes(key);
        if (bytes != null) {
            return "bytes:" + bytes.length;
        }
        String value = context.get(key);
        return value == null ? "none" : value;
    }

    @Override
    public String forward(String key) {
        calls.incrementAndGet();
        return next.seen(key);
    }

    @Override
    public long remainingMillis() {
        calls.incrementAndGet();
        return CallContext.current().timeRemaining().map(d -> d.toMillis()).orElse(-1L);
    }

    @Override
    public long forwardRemainingMillis() {
        calls.incrementAndGet();
        return next.remainingMillis();
    }

    @Override
    public String slow(int millis) {
        calls.incrementAndGet();
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "slept " + millis;
    }

    @Override
    public String forwardSlow(int millis) {
        calls.incrementAndGet();
        long start = System.nanoTime();
        try {
            String result = next.slow(millis);
            nestedOutcomes.add(result);
            return result;
        } catch (RuntimeException e) {
            nestedOutcomes.add(e);
            throw e;
        } finally {
            nestedMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
    }

    @Override
    public int square(int x) throws Refused {
        calls.incrementAndGet();
        if (x < 0) {
            throw new Refused("negative: " + x);
        }
        return x * x;
    }

    @Override
    public CompletableFuture<Integer> squareLater(int x) {
        calls.incrementAndGet();
        return CompletableFuture.completedFuture(x * x);
    }
}
