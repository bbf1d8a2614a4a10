package io.parley;

/**
 * Whether the servant ran when a call failed: what decides if retrying is safe. CORBA's completion status.
 */
public enum Completion {
    /** The servant ran (and failed, or its answer was lost afterwards). */
    YES,
    /** The servant did not run: the call can be retried, on this or another replica. */
    NO,
    /** Unknown: the request may or may not have reached the servant (a timeout, a connection lost in flight). */
    MAYBE;

    private static final Completion[] VALUES = values();

    /** The completion with that ordinal on the wire, {@link #MAYBE} when out of range. */
    public static Completion ofOrdinal(int ordinal) {
        return ordinal >= 0 && ordinal < VALUES.length ? VALUES[ordinal] : MAYBE;
    }
}
