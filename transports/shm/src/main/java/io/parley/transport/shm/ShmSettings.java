package io.parley.transport.shm;

import io.parley.Completion;
import io.parley.ErrorCode;
import io.parley.OrbException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of the shared-memory transport beyond {@link io.parley.spi.transport.TransportSettings}.
 *
 * @param directory       the folder under which the transport keeps its private directory ({@code parley-<user>},
 *                        mode 0700) of listener sockets and, during handshakes, connection files: {@code /dev/shm}
 *                        by default (a tmpfs: memory, not disk), else {@code java.io.tmpdir}
 * @param ringBytes       bytes of each of a connection's two rings, a power of two from 4 KiB to 256 MiB; the two
 *                        peers use the smaller of their values. Frames larger than an eighth of it are fragmented.
 * @param spinNanos       how long a connection's receive thread spins on its ring after the last frame before it
 *                        announces sleep and blocks on the socket; {@link #BUSY_SPIN} spins forever, which keeps a
 *                        core busy per connection and gives the lowest latency
 * @param maxReassemblies how many fragmented frames may be in flight at once per connection and direction (the
 *                        peers use the smaller value); senders of more wait
 */
public record ShmSettings(Path directory, int ringBytes, long spinNanos, int maxReassemblies) {
    /** {@link #spinNanos} that never sleeps. */
    public static final long BUSY_SPIN = -1;
    /** Default spin budget: covers a typical server turnaround, so a sequential caller's reply finds it awake. */
    public static final long DEFAULT_SPIN_NANOS = 50_000;
    /** Default ring size: 256 KiB each way, 32 KiB records; about 120 connections fit Docker's 64 MiB /dev/shm. */
    public static final int DEFAULT_RING_BYTES = 256 * 1024;
    public static final int DEFAULT_MAX_REASSEMBLIES = 16;

    public ShmSettings {
        Objects.requireNonNull(directory, "directory");
        check(ringBytes >= 4096 && ringBytes <= 256 * 1024 * 1024 && Integer.bitCount(ringBytes) == 1,
                "ringBytes: " + ringBytes + " (expected: a power of two from 4096 to 268435456)");
        check(spinNanos >= 0 || spinNanos == BUSY_SPIN, "spinNanos: " + spinNanos + " (expected: >= 0, or -1)");
        check(maxReassemblies >= 1, "maxReassemblies: " + maxReassemblies + " (expected: >= 1)");
    }

    /** The defaults. */
    public static ShmSettings defaults() {
        Path shm = Path.of("/dev/shm");
        Path directory = Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        return new ShmSettings(directory, DEFAULT_RING_BYTES, DEFAULT_SPIN_NANOS, DEFAULT_MAX_REASSEMBLIES);
    }

    /**
     * The defaults, overridden by system properties: {@code parley.shm.dir}, {@code parley.shm.ringBytes},
     * {@code parley.shm.spinMicros} ({@code -1}: busy spin) and {@code parley.shm.maxReassemblies}.
     */
    public static ShmSettings fromSystemProperties() {
        ShmSettings d = defaults();
        String dir = System.getProperty("parley.shm.dir");
        long spinMicros = Long.getLong("parley.shm.spinMicros", d.spinNanos() / 1000);
        return new ShmSettings(dir == null ? d.directory() : Path.of(dir),
                Integer.getInteger("parley.shm.ringBytes", d.ringBytes()),
                spinMicros < 0 ? BUSY_SPIN : spinMicros * 1000,
                Integer.getInteger("parley.shm.maxReassemblies", d.maxReassemblies()));
    }

    /** A copy with another directory. */
    public ShmSettings withDirectory(Path directory) {
        return new ShmSettings(directory, ringBytes, spinNanos, maxReassemblies);
    }

    /** A copy with another ring size. */
    public ShmSettings withRingBytes(int ringBytes) {
        return new ShmSettings(directory, ringBytes, spinNanos, maxReassemblies);
    }

    /** A copy with another spin budget ({@link #BUSY_SPIN}: never sleep). */
    public ShmSettings withSpinNanos(long spinNanos) {
        return new ShmSettings(directory, ringBytes, spinNanos, maxReassemblies);
    }

    private static void check(boolean valid, String message) {
        if (!valid) {
            throw new OrbException(ErrorCode.INVALID_CONFIGURATION, Completion.NO, "ShmSettings." + message);
        }
    }
}
