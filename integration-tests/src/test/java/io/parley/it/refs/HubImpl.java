package io.parley.it.refs;

import io.parley.Orb;
import io.parley.internal.DefaultOrb;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The hub's servant. */
public final class HubImpl implements Hub {
    private final Orb orb;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    final List<CounterImpl> created = new CopyOnWriteArrayList<>();

    public HubImpl(Orb orb) {
        this.orb = orb;
    }

    @Override
    public Counter newCounter(String name) {
        CounterImpl counter = new CounterImpl(name);
        created.add(counter);
        return counter;
    }

    @Override
    public Labelled labelled(String name) {
        return new Labelled("label-" + name, newCounter(name));
    }

    @Override
    public List<Counter> counters(int count) {
        List<Counter> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            result.add(newCounter("c" + i));
        }
        return result;
    }

    @Override
    public int increment(Counter counter) {
        return counter.increment();
    }

    @Override
    public void subscribe(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public void publishAfter(String event, int delayMillis) {
        Thread later = new Thread(() -> {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                return;
            }
            publish(event);
        }, "hub-publish-later");
        later.setDaemon(true);
        later.start();
    }

    @Override
    public int publish(String event) {
        for (Listener listener : listeners) {
            listener.onEvent(event);
        }
        return listeners.size();
    }

    @Override
    public boolean isOwnServant(Counter counter) {
        return counter instanceof CounterImpl && created.contains(counter);
    }

    @Override
    public Listener echo(Listener listener) {
        return listener;
    }

    @Override
    public void clear() {
        for (Listener listener : listeners) {
            orb.release(listener);
        }
        listeners.clear();
    }

    @Override
    public int implicitExports() {
        return ((DefaultOrb) orb).implicitExportCount();
    }
}
