package io.parley.transport.netty.internal;

/**
 * What a caller-driven channel needs from its loop's background driver while no caller drives the loop.
 */
enum ChannelDemand {
    /** Nothing: the channel is read at its next use. */
    NONE,
    /**
     * Reading in case the peer calls (it holds references to this process's objects): the driver takes over after
     * a grace period, so that sequential calls a few microseconds apart never find it holding the lease.
     */
    LISTEN,
    /** Driving now: connecting, replies awaited by asynchronous calls, bytes not yet flushed, closing. */
    DRIVE
}
