package io.parley.it.refs;

import io.parley.Unreferenced;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A counter that records when its Orb tells it nobody references it any more. */
public final class CounterImpl implements Counter, Unreferenced {
    private final String name;
    private final AtomicInteger value = new AtomicInteger();
    final CountDownLatch unreferenced = new CountDownLatch(1);

    public CounterImpl(String name) {
        this.name = name;
    }

    @Override
    public int increment() {
        return value.incrementAndGet();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void unreferenced() {
        unreferenced.countDown();
    }
}
