package io.parley.fuzz;

import java.lang.management.ManagementFactory;

/**
 * Heap bytes the calling thread allocates while an action runs (HotSpot's per-thread counter). Fuzz targets bound it
 * by the input's size: reading a length from untrusted bytes and allocating it before the bytes arrived is the
 * classic way a decoder is made to exhaust memory.
 */
final class Allocation {
    /** Room for what a run allocates whatever its input: exception stack traces, messages, small buffers. */
    static final long SLACK = 1024 * 1024;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {
    }

    /** Bytes allocated by this thread during {@code action}. */
    static long during(Runnable action) {
        long thread = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(thread);
        action.run();
        return THREADS.getThreadAllocatedBytes(thread) - before;
    }

    /**
     * Bytes allocated by this thread during {@code action}; when that exceeds {@code bound}, the figure of a second
     * run. The first run of a new code path also loads and initialises classes (and, while fuzzing, instruments
     * them), which allocates megabytes once; an allocation that the input causes happens again. {@code action} must
     * therefore be repeatable: it builds whatever it works on.
     */
    static long during(Runnable action, long bound) {
        long allocated = during(action);
        return allocated <= bound ? allocated : during(action);
    }
}
