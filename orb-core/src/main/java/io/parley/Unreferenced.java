package io.parley;

/**
 * Implemented by a servant that wants to know when it is no longer referenced. A servant exported implicitly,
 * because it was passed by reference (as an argument, result, record field or collection element), stays exported
 * while some process holds a proxy of it: until every holder has released its proxies ({@link Orb#release}, or
 * garbage collection) or disconnected, and then for the Orb's lease time ({@link Orb.Builder#leaseTime}). Then the
 * Orb unexports it and calls {@link #unreferenced()}, once, on its executor.
 *
 * <p>Objects exported explicitly ({@link Orb#export}) are never unexported this way, and never told.
 */
public interface Unreferenced {

    /** No process holds a reference to this object any more, and the Orb no longer serves it. */
    void unreferenced();
}
