package io.parley.bench.floor;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The mapped file of the shared-memory floor: one slot per caller, each a request and a response, 256 bytes apart
 * so that no two slots share a cache line (nor its prefetched neighbour).
 *
 * <pre>
 * slot i at i * 1024:
 *   +0    long request sequence   (client: release after the payload)
 *   +8    int  payload length
 *   +16   payload (up to 256 bytes)
 *   +512  long response sequence  (server: release after the payload)
 *   +528  payload of the response
 * </pre>
 */
final class MappedSlots {
    static final int SLOTS = 64;
    static final int SLOT_BYTES = 1024;
    static final int MAX_PAYLOAD = 256;
    private static final int REQUEST_SEQUENCE = 0;
    private static final int LENGTH = 8;
    private static final int REQUEST_PAYLOAD = 16;
    private static final int RESPONSE_SEQUENCE = 512;
    private static final int RESPONSE_PAYLOAD = 528;
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class,
            ByteOrder.nativeOrder());

    private final MappedByteBuffer file;

    private MappedSlots(MappedByteBuffer file) {
        this.file = file;
    }

    static MappedSlots map(Path path, boolean create) throws IOException {
        try (FileChannel channel = create
                ? FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                        StandardOpenOption.WRITE)
                : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return new MappedSlots(channel.map(FileChannel.MapMode.READ_WRITE, 0, (long) SLOTS * SLOT_BYTES));
        }
    }

    /** Client: writes a request into {@code slot} and publishes it as {@code sequence}. */
    void request(int slot, long sequence, byte[] payload, int length) {
        int base = slot * SLOT_BYTES;
        file.putInt(base + LENGTH, length);
        file.put(base + REQUEST_PAYLOAD, payload, 0, length);
        LONGS.setRelease(file, base + REQUEST_SEQUENCE, sequence);
    }

    /** Client: spins until the response to {@code sequence} is there, then copies it into {@code into}. */
    int awaitResponse(int slot, long sequence, byte[] into) {
        int base = slot * SLOT_BYTES;
        while ((long) LONGS.getAcquire(file, base + RESPONSE_SEQUENCE) != sequence) {
            Thread.onSpinWait();
        }
        int length = file.getInt(base + LENGTH);
        file.get(base + RESPONSE_PAYLOAD, into, 0, length);
        return length;
    }

    /** Server: answers a new request in {@code slot} by copying it back; {@code false} when there is none. */
    boolean answer(int slot, long[] lastSeen, byte[] scratch) {
        int base = slot * SLOT_BYTES;
        long sequence = (long) LONGS.getAcquire(file, base + REQUEST_SEQUENCE);
        if (sequence == lastSeen[slot]) {
            return false;
        }
        lastSeen[slot] = sequence;
        int length = Math.min(file.getInt(base + LENGTH), MAX_PAYLOAD);
        file.get(base + REQUEST_PAYLOAD, scratch, 0, length);
        file.put(base + RESPONSE_PAYLOAD, scratch, 0, length);
        LONGS.setRelease(file, base + RESPONSE_SEQUENCE, sequence);
        return true;
    }
}
