package io.parley.bench.idle;

import java.util.List;

/**
 * The outcome of the idle-CPU experiment.
 *
 * @param windowNanos  how long the idle window lasted
 * @param jvms         each JVM's CPU time over the window
 * @param shmMapped    whether the shared-memory client had a ring file mapped (checked in /proc/pid/maps): its
 *                     connection is a shared-memory one
 * @param tcpMapped    the same for the TCP client, which must have none
 * @param loadAverage  the load average (1/5/15 min) at the end of the window
 * @param failure      why the experiment failed, or null
 */
public record IdleCpuResult(long windowNanos, List<Jvm> jvms, boolean shmMapped, boolean tcpMapped,
        String loadAverage, String failure) {

    /** Whether it ran to the end. */
    public boolean ok() {
        return failure == null;
    }

    /** The JVM of {@code role} in {@code setup}, if measured. */
    public java.util.Optional<Jvm> jvm(String role, String setup) {
        return jvms.stream().filter(jvm -> jvm.role().equals(role) && jvm.setup().equals(setup)).findFirst();
    }

    /** CPU ms per 10 s of a JVM's threads (schedstat, ns resolution): the figure compared. */
    public double msPer10s(Jvm jvm) {
        return per10s(jvm.threadNanos());
    }

    /** CPU ms per 10 s of the whole process in clock ticks (10 ms resolution): the cross-check. */
    public double tickMsPer10s(Jvm jvm) {
        return per10s(jvm.cpuNanos());
    }

    private double per10s(long nanos) {
        return nanos / 1e6 * (10e9 / windowNanos);
    }

    /**
     * One JVM's CPU over the window.
     *
     * @param role      {@code server} or {@code client}
     * @param setup     {@code baseline} (no connection), {@code tcp} or {@code shm}
     * @param cpuNanos    CPU time used in the window by the process (user + system, every thread, ended ones
     *                    included), in clock ticks of 10 ms
     * @param threadNanos CPU time used in the window by its threads, summed (schedstat: ns; a thread that ended
     *                    during the window is missing)
     * @param busiest     its busiest threads in the window, as "name ms"
     */
    public record Jvm(String role, String setup, long cpuNanos, long threadNanos, List<String> busiest) {
    }
}
