package io.parley.spi.transport;

import io.parley.TlsConfig;

/**
 * The settings core passes to a transport when it creates it.
 *
 * @param maxFrameBytes  the largest frame accepted or sent; a larger incoming length closes the connection, since
 *                       the stream can no longer be trusted
 * @param ioThreads      how many I/O threads to run (0: the transport's default)
 * @param connectTimeoutMillis how long a connection attempt may take (for TLS, the handshake included)
 * @param threadNamePrefix prefix for the names of the transport's threads, to tell Orbs apart in thread dumps
 * @param tls            the Orb's TLS configuration, or {@code null} for none: a network transport then listens
 *                       with TLS (its endpoints are {@link io.parley.Endpoint#TLS}) and uses it for the TLS
 *                       endpoints it connects to; a same-host transport ignores it
 * @param maxQueuedBytes the most bytes sent on one connection that may wait for the peer to take them (a transport
 *                       that queues refuses a frame beyond it, see {@link Connection#send}); 0 for the transport's
 *                       default, twice {@code maxFrameBytes}
 */
public record TransportSettings(int maxFrameBytes, int ioThreads, long connectTimeoutMillis,
        String threadNamePrefix, TlsConfig tls, long maxQueuedBytes) {

    /** Settings without TLS. */
    public TransportSettings(int maxFrameBytes, int ioThreads, long connectTimeoutMillis, String threadNamePrefix) {
        this(maxFrameBytes, ioThreads, connectTimeoutMillis, threadNamePrefix, null);
    }

    /** Settings with the default bound on queued bytes. */
    public TransportSettings(int maxFrameBytes, int ioThreads, long connectTimeoutMillis, String threadNamePrefix,
            TlsConfig tls) {
        this(maxFrameBytes, ioThreads, connectTimeoutMillis, threadNamePrefix, tls, 0);
    }

    /** Default settings: 16 MB frames (Thrift's default), default threads, 5 s connect timeout, no TLS. */
    public static TransportSettings defaults() {
        return new TransportSettings(16 * 1024 * 1024, 0, 5_000, "parley");
    }

    /** These settings with {@code tls} ({@code null}: none). */
    public TransportSettings withTls(TlsConfig tls) {
        return new TransportSettings(maxFrameBytes, ioThreads, connectTimeoutMillis, threadNamePrefix, tls,
                maxQueuedBytes);
    }

    /** These settings with {@code maxQueuedBytes} (0: the transport's default). */
    public TransportSettings withMaxQueuedBytes(long maxQueuedBytes) {
        return new TransportSettings(maxFrameBytes, ioThreads, connectTimeoutMillis, threadNamePrefix, tls,
                maxQueuedBytes);
    }

    /** The bound on queued bytes per connection: {@link #maxQueuedBytes}, or twice {@link #maxFrameBytes}. */
    public long queuedBytesBound() {
        return maxQueuedBytes > 0 ? maxQueuedBytes : 2L * maxFrameBytes + 8;
    }
}
