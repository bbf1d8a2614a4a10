package io.parley.bench;

import org.HdrHistogram.Histogram;

/**
 * What one slice of a case measured: the latency of every call started in the window, and the window's length; or
 * why the slice failed.
 *
 * @param latencies   nanoseconds per call; empty when failed
 * @param windowNanos how long calls were measured
 * @param failure     why the slice failed, or {@code null}
 */
record Sample(Histogram latencies, long windowNanos, String failure) {

    static Sample failed(String why) {
        return new Sample(null, 0, why);
    }

    boolean ok() {
        return failure == null;
    }
}
