package io.parley.it.refs;

import io.parley.Remote;
import java.util.List;

/** Passes references every way: arguments, results, record fields, list elements, and back. */
@Remote
public interface Hub {
    /** A counter in the hub's process, as a result. */
    Counter newCounter(String name);

    /** A counter inside a record. */
    Labelled labelled(String name);

    /** Counters as list elements. */
    List<Counter> counters(int count);

    /** Calls a counter given as an argument (a reference from anywhere) and returns its new value. */
    int increment(Counter counter);

    /** Keeps a listener (a callback object of the caller). */
    void subscribe(Listener listener);

    /** Calls every listener kept; returns how many were called. */
    int publish(String event);

    /** Returns at once; {@code delayMillis} later, calls every listener kept, from a thread of the hub's own. */
    void publishAfter(String event, int delayMillis);

    /** Whether {@code counter} is one of the hub's own servants (not a proxy): a reference back home. */
    boolean isOwnServant(Counter counter);

    /** Gives the listener back: to its owner it is its own servant again. */
    Listener echo(Listener listener);

    /** Forgets the listeners, so the hub holds no proxy of them. */
    void clear();

    /** How many objects the hub's Orb exports implicitly now (passed by reference and still held). */
    int implicitExports();

    /** A counter with a label. */
    record Labelled(String label, Counter counter) {
    }
}
