package io.parley.bench;

import org.HdrHistogram.Histogram;

/**
 * Adds up the slices of one case on one system into its result: the latencies merged, the rate over the sum of the
 * windows. One failed slice fails the case.
 */
final class CaseTally {

    private final String system;
    private final Operation operation;
    private final int callers;
    private final Histogram latencies = CaseRunner.newHistogram();
    private long windowNanos;
    private String failure;

    CaseTally(String system, Operation operation, int callers) {
        this.system = system;
        this.operation = operation;
        this.callers = callers;
    }

    void add(Sample sample) {
        if (!sample.ok()) {
            failure = failure == null ? sample.failure() : failure;
            return;
        }
        latencies.add(sample.latencies());
        windowNanos += sample.windowNanos();
    }

    /** Whether a slice has failed, so that the next slices can be skipped. */
    boolean failed() {
        return failure != null;
    }

    void fail(String why) {
        failure = failure == null ? why : failure;
    }

    CaseResult result() {
        if (failure != null) {
            return CaseResult.failed(system, operation, callers, failure);
        }
        long calls = latencies.getTotalCount();
        if (calls == 0 || windowNanos == 0) {
            return CaseResult.failed(system, operation, callers, "no call completed in the measured windows");
        }
        return new CaseResult(system, operation, callers, calls,
                micros(latencies.getValueAtPercentile(50)), micros(latencies.getValueAtPercentile(99)),
                micros(latencies.getValueAtPercentile(99.9)), calls / (windowNanos / 1e9), null);
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }
}
