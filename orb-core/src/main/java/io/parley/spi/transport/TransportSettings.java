package io.parley.spi.transport;

/**
 * The settings core passes to a transport when it creates it.
 *
 * @param maxFrameBytes  the largest frame accepted or sent; a larger incoming length closes the connection, since
 *                       the stream can no longer be trusted
 * @param ioThreads      how many I/O threads to run (0: the transport's default)
 * @param connectTimeoutMillis how long a connection attempt may take
 * @param threadNamePrefix prefix for the names of the transport's threads, to tell Orbs apart in thread dumps
 */
public record TransportSettings(int maxFrameBytes, int ioThreads, long connectTimeoutMillis,
        String threadNamePrefix) {

    /** Default settings: 16 MB frames (Thrift's default), default threads, 5 s connect timeout. */
    public static TransportSettings defaults() {
        return new TransportSettings(16 * 1024 * 1024, 0, 5_000, "parley");
    }
}
