package io.parley.bench;

/**
 * The outcome of one case on one system: latency percentiles of the calls started in the measured window, and the
 * rate of those calls; or why the case failed.
 *
 * @param system       the system's name
 * @param operation    what was called
 * @param callers      concurrent caller threads
 * @param calls        calls measured
 * @param p50Micros    median latency, µs
 * @param p99Micros    99th percentile, µs
 * @param p999Micros   99.9th percentile, µs
 * @param callsPerSecond calls measured per second of the window
 * @param failure      why the case failed, or {@code null}
 */
public record CaseResult(String system, Operation operation, int callers, long calls, double p50Micros,
        double p99Micros, double p999Micros, double callsPerSecond, String failure) {

    /** A case that could not be measured. */
    public static CaseResult failed(String system, Operation operation, int callers, String why) {
        return new CaseResult(system, operation, callers, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, why);
    }

    /** Whether it was measured. */
    public boolean ok() {
        return failure == null;
    }

    /** The CSV case column: {@code system/operation}. */
    public String caseName() {
        return system + "/" + operation.label();
    }
}
