package io.parley.transport.shm.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The binary layout of a connection file, in one place: every offset, size and record field, and the check a peer
 * runs before trusting a mapped file. All multi-byte fields are in native byte order (both peers run on one host)
 * and every field accessed atomically is aligned to its size, as {@code byteBufferViewVarHandle} requires.
 *
 * <pre>
 * [0, 4096)                      header
 *    0  long  magic "PRLYSHM1"   written last by the server (release), read first by the client (acquire)
 *    8  int   layout version
 *   12  int   header length      (4096)
 *   16  int   ring capacity      (bytes of each ring's data area; a power of two)
 *   20  int   ring trailer length (512)
 *   24  int   offset of the client-to-server ring
 *   28  int   offset of the server-to-client ring
 *   32  long  server pid          (diagnostics only)
 *   40  long  client pid          (diagnostics only)
 * [4096, 4096 + capacity + 512)  client-to-server ring
 * [.., .. + capacity + 512)      server-to-client ring
 *
 * ring = data[capacity] then trailer:
 *   +0    128 bytes padding        (keeps the data's last line and the tail apart, against adjacent-line prefetch)
 *   +128  long tail position       (producers of one process; own 128-byte block)
 *   +256  long head position       (the consumer in the peer process; own block)
 *   +384  long consumer sleeping   (1 while the consumer waits on the socket; own block)
 *   +392  long consumer closed     (1 once the consumer's side closed: it takes no new records; never reset)
 *
 * record (8-byte aligned, never wraps; a padding record fills the space up to the end of the data area):
 *   +0  int  length     header + payload; 0 = not committed; published last with a release store
 *   +4  int  type       {@link #WHOLE}, {@link #BEGIN}, {@link #MIDDLE}, {@link #END} or {@link #PADDING}
 *   +8  int  message id  of a fragmented frame
 *   +12 int  value      BEGIN: the frame's total length; MIDDLE and END: the fragment's offset in the frame
 *   +16 payload
 * </pre>
 *
 * <p>Positions are 64-bit byte counts that only grow; a position's index in the data area is
 * {@code position & (capacity - 1)}. Stateless; thread-safe.
 */
public final class ShmLayout {
    /** "PRLYSHM1" as a native long; a file without it is not ours, or not ready. */
    public static final long MAGIC = 0x50524C5953484D31L;
    /** The layout version this code writes and reads. */
    public static final int VERSION = 1;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 8;
    public static final int HEADER_LENGTH_OFFSET = 12;
    public static final int RING_CAPACITY_OFFSET = 16;
    public static final int TRAILER_LENGTH_OFFSET = 20;
    public static final int CLIENT_TO_SERVER_OFFSET = 24;
    public static final int SERVER_TO_CLIENT_OFFSET = 28;
    public static final int SERVER_PID_OFFSET = 32;
    public static final int CLIENT_PID_OFFSET = 40;
    public static final int HEADER_LENGTH = 4096;

    /** One block per hot counter: two cache lines, so that neither false sharing nor prefetch couples them. */
    public static final int BLOCK = 128;
    public static final int TAIL_OFFSET = BLOCK;
    public static final int HEAD_OFFSET = 2 * BLOCK;
    public static final int SLEEPING_OFFSET = 3 * BLOCK;
    /** Shares the sleeping flag's block: both are written by the consumer and read by producers after a commit. */
    public static final int CONSUMER_CLOSED_OFFSET = 3 * BLOCK + 8;
    public static final int TRAILER_LENGTH = 4 * BLOCK;

    public static final int RECORD_LENGTH_OFFSET = 0;
    public static final int RECORD_TYPE_OFFSET = 4;
    public static final int RECORD_MESSAGE_OFFSET = 8;
    public static final int RECORD_VALUE_OFFSET = 12;
    public static final int RECORD_HEADER = 16;
    public static final int ALIGNMENT = 8;

    public static final int PADDING = 0;
    public static final int WHOLE = 1;
    public static final int BEGIN = 2;
    public static final int MIDDLE = 3;
    public static final int END = 4;

    /** Smallest ring: room for a few largest records (capacity / 8 each) and their headers. */
    public static final int MIN_CAPACITY = 4096;
    /** Largest ring: keeps the whole file far below the 2 GiB limit of a {@code MappedByteBuffer}. */
    public static final int MAX_CAPACITY = 256 * 1024 * 1024;

    static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private ShmLayout() {
    }

    /** Whether {@code capacity} is a ring capacity this layout allows. */
    public static boolean validCapacity(int capacity) {
        return capacity >= MIN_CAPACITY && capacity <= MAX_CAPACITY && Integer.bitCount(capacity) == 1;
    }

    /** Bytes of one ring: data and trailer. */
    public static int ringLength(int capacity) {
        return capacity + TRAILER_LENGTH;
    }

    /** Offset of the client-to-server ring. */
    public static int clientToServerOffset(int capacity) {
        return HEADER_LENGTH;
    }

    /** Offset of the server-to-client ring. */
    public static int serverToClientOffset(int capacity) {
        return HEADER_LENGTH + ringLength(capacity);
    }

    /** The file length for rings of {@code capacity}. */
    public static int fileLength(int capacity) {
        return HEADER_LENGTH + 2 * ringLength(capacity);
    }

    /** The largest record (header and payload) a ring of {@code capacity} takes: a padding record wastes less. */
    public static int maxRecordLength(int capacity) {
        return capacity / 8;
    }

    /** The largest payload of one record. */
    public static int maxPayload(int capacity) {
        return maxRecordLength(capacity) - RECORD_HEADER;
    }

    /** {@code length} rounded up to the record alignment. */
    public static int align(int length) {
        return (length + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /** Writes the header of a new file (zero-filled) and publishes it by writing the magic last. Server side. */
    public static void initialize(ByteBuffer file, int capacity, long serverPid, long clientPid) {
        file.putInt(VERSION_OFFSET, VERSION);
        file.putInt(HEADER_LENGTH_OFFSET, HEADER_LENGTH);
        file.putInt(RING_CAPACITY_OFFSET, capacity);
        file.putInt(TRAILER_LENGTH_OFFSET, TRAILER_LENGTH);
        file.putInt(CLIENT_TO_SERVER_OFFSET, clientToServerOffset(capacity));
        file.putInt(SERVER_TO_CLIENT_OFFSET, serverToClientOffset(capacity));
        LONGS.set(file, SERVER_PID_OFFSET, serverPid);
        LONGS.set(file, CLIENT_PID_OFFSET, clientPid);
        LONGS.setRelease(file, MAGIC_OFFSET, MAGIC);
    }

    /**
     * Checks a mapped file against what the handshake agreed, field by field, as untrusted input.
     *
     * @return {@code null} when the file is valid, else what is wrong with it
     */
    public static String validate(ByteBuffer file, int expectedCapacity) {
        if (file.capacity() < HEADER_LENGTH) {
            return "file of " + file.capacity() + " bytes is shorter than its header (" + HEADER_LENGTH + ")";
        }
        long magic = (long) LONGS.getAcquire(file, MAGIC_OFFSET);
        if (magic != MAGIC) {
            return "bad magic 0x" + Long.toHexString(magic);
        }
        int version = file.getInt(VERSION_OFFSET);
        if (version != VERSION) {
            return "layout version " + version + " (expected: " + VERSION + ")";
        }
        int capacity = file.getInt(RING_CAPACITY_OFFSET);
        if (capacity != expectedCapacity || !validCapacity(capacity)) {
            return "ring capacity " + capacity + " (expected: " + expectedCapacity + ")";
        }
        if (file.getInt(HEADER_LENGTH_OFFSET) != HEADER_LENGTH
                || file.getInt(TRAILER_LENGTH_OFFSET) != TRAILER_LENGTH
                || file.getInt(CLIENT_TO_SERVER_OFFSET) != clientToServerOffset(capacity)
                || file.getInt(SERVER_TO_CLIENT_OFFSET) != serverToClientOffset(capacity)) {
            return "header lengths or ring offsets differ from layout version " + VERSION;
        }
        if (file.capacity() != fileLength(capacity)) {
            return "file of " + file.capacity() + " bytes (expected: " + fileLength(capacity) + ")";
        }
        return null;
    }
}
