package io.parley.transport.shm.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The handshake on a new connection's Unix domain socket, before any shared memory is trusted:
 *
 * <pre>
 * client -> server  HELLO   int magic "PRLY", int minVersion, int maxVersion, int ringBytes, int maxFrameBytes,
 *                           int maxReassemblies, long pid                                            (32 bytes)
 * server -> client  ANSWER  int magic, int status (0 accepted, 1 refused), int version, int ringBytes,
 *                           int maxFrameBytes, int maxReassemblies, long pid, int textLength, text (UTF-8): the
 *                           connection file's name in the shared directory, or why the server refused
 * client -> server  MAPPED  one byte 'M' (or 'F': the client could not map the file)
 * </pre>
 *
 * Version: the highest both support; ring size and reassemblies: the smaller offer; each side keeps its own
 * {@code maxFrameBytes} for what it receives and sends at most the smaller of the two. The server creates, fills and
 * maps the file, writes its header (magic last), answers, and unlinks the file as soon as the client reports it
 * mapped (or failed): from then on a crash can leave nothing behind. The socket is non-blocking; each read waits
 * until the deadline.
 *
 * <p>Threading: runs on the connection's own thread, before the connection exists for anyone else.
 */
public final class Handshake {
    static final int MAGIC = 0x50524C59;
    static final int MIN_VERSION = ShmLayout.VERSION;
    static final int MAX_VERSION = ShmLayout.VERSION;
    private static final int HELLO_BYTES = 32;
    private static final int ANSWER_BYTES = 36;
    private static final int MAX_TEXT = 1024;
    private static final byte MAPPED = 'M';
    private static final byte MAP_FAILED = 'F';

    /** What this side offers. */
    public record Offer(int ringBytes, int maxFrameBytes, int maxReassemblies) {
    }

    /**
     * What both sides agreed on, and the mapped connection file.
     *
     * @param maxSendBytes the largest frame this side may send: the smaller of both sides' {@code maxFrameBytes}
     */
    public record Agreement(int version, int ringBytes, int maxSendBytes, int maxReassemblies, long peerPid,
            MappedByteBuffer file) {
    }

    /** The handshake failed; the message says why, for the log or the caller. */
    public static final class HandshakeException extends IOException {
        private static final long serialVersionUID = 1L;

        public HandshakeException(String message) {
            super(message);
        }

        public HandshakeException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Handshake() {
    }

    /** The client's side; the socket is connected. */
    public static Agreement client(SocketChannel socket, ShmDirectory directory, Offer offer, long deadlineNanos)
            throws IOException {
        try (Selector selector = register(socket)) {
            ByteBuffer hello = ByteBuffer.allocate(HELLO_BYTES).putInt(MAGIC).putInt(MIN_VERSION).putInt(MAX_VERSION)
                    .putInt(offer.ringBytes()).putInt(offer.maxFrameBytes()).putInt(offer.maxReassemblies())
                    .putLong(ProcessHandle.current().pid()).flip();
            writeFully(socket, hello);
            ByteBuffer answer = readFully(socket, selector, ANSWER_BYTES, deadlineNanos);
            if (answer.getInt() != MAGIC) {
                throw new HandshakeException("the peer is not a Parley shm listener (bad magic)");
            }
            int status = answer.getInt();
            int version = answer.getInt();
            int ringBytes = answer.getInt();
            int maxFrameBytes = answer.getInt();
            int maxReassemblies = answer.getInt();
            long pid = answer.getLong();
            int textLength = answer.getInt();
            if (textLength < 0 || textLength > MAX_TEXT) {
                throw new HandshakeException("answer text of " + textLength + " bytes (max " + MAX_TEXT + ")");
            }
            String text = StandardCharsets.UTF_8.decode(readFully(socket, selector, textLength, deadlineNanos))
                    .toString();
            if (status != 0) {
                throw new HandshakeException("the server refused: " + text);
            }
            if (version < MIN_VERSION || version > MAX_VERSION || !ShmLayout.validCapacity(ringBytes)
                    || ringBytes > offer.ringBytes() || maxReassemblies < 1
                    || maxReassemblies > offer.maxReassemblies() || maxFrameBytes < 1) {
                throw new HandshakeException("the server answered version " + version + ", rings of " + ringBytes
                        + " bytes, " + maxReassemblies + " reassemblies, frames up to " + maxFrameBytes
                        + ": not an agreement with this offer " + offer);
            }
            MappedByteBuffer file;
            try {
                file = directory.openRing(text, ShmLayout.fileLength(ringBytes));
                String invalid = ShmLayout.validate(file, ringBytes);
                if (invalid != null) {
                    throw new HandshakeException("connection file " + text + ": " + invalid);
                }
            } catch (IOException e) {
                writeFully(socket, ByteBuffer.wrap(new byte[] {MAP_FAILED}));
                throw e;
            }
            writeFully(socket, ByteBuffer.wrap(new byte[] {MAPPED}));
            return new Agreement(version, ringBytes, Math.min(offer.maxFrameBytes(), maxFrameBytes), maxReassemblies,
                    pid, file);
        }
    }

    /** The server's side; the socket was just accepted. */
    public static Agreement server(SocketChannel socket, ShmDirectory directory, Offer offer, long deadlineNanos)
            throws IOException {
        try (Selector selector = register(socket)) {
            ByteBuffer hello = readFully(socket, selector, HELLO_BYTES, deadlineNanos);
            if (hello.getInt() != MAGIC) {
                throw new HandshakeException("the peer is not a Parley shm client (bad magic)");
            }
            int minVersion = hello.getInt();
            int maxVersion = hello.getInt();
            int ringBytes = hello.getInt();
            int maxFrameBytes = hello.getInt();
            int maxReassemblies = hello.getInt();
            long pid = hello.getLong();
            int version = Math.min(maxVersion, MAX_VERSION);
            if (version < Math.max(minVersion, MIN_VERSION)) {
                throw refuse(socket, "layout versions " + minVersion + " to " + maxVersion + " offered, "
                        + MIN_VERSION + " to " + MAX_VERSION + " supported");
            }
            int agreedRing = Math.min(ringBytes, offer.ringBytes());
            if (!ShmLayout.validCapacity(agreedRing) || maxFrameBytes < 1 || maxReassemblies < 1) {
                throw refuse(socket, "offer of rings of " + ringBytes + " bytes, frames up to " + maxFrameBytes
                        + ", " + maxReassemblies + " reassemblies is invalid");
            }
            int agreedReassemblies = Math.min(maxReassemblies, offer.maxReassemblies());
            ShmDirectory.MappedFile file;
            try {
                file = directory.createRing(ShmLayout.fileLength(agreedRing));
            } catch (IOException e) {
                throw refuse(socket, "cannot create a connection file in " + directory.path() + ": " + e);
            }
            try {
                ShmLayout.initialize(file.buffer(), agreedRing, ProcessHandle.current().pid(), pid);
                answer(socket, 0, version, agreedRing, offer.maxFrameBytes(), agreedReassemblies,
                        file.path().getFileName().toString());
                byte mapped = readFully(socket, selector, 1, deadlineNanos).get();
                if (mapped != MAPPED) {
                    throw new HandshakeException("the client could not map the connection file");
                }
            } finally {
                // Both sides have mapped it, or never will: the name is no longer needed.
                ShmDirectory.deleteQuietly(file.path());
            }
            return new Agreement(version, agreedRing, Math.min(offer.maxFrameBytes(), maxFrameBytes),
                    agreedReassemblies, pid, file.buffer());
        }
    }

    private static HandshakeException refuse(SocketChannel socket, String why) {
        try {
            answer(socket, 1, 0, 0, 0, 0, why);
        } catch (IOException e) {
            // The client is gone; the refusal is logged by the caller all the same.
        }
        return new HandshakeException(why);
    }

    private static void answer(SocketChannel socket, int status, int version, int ringBytes, int maxFrameBytes,
            int maxReassemblies, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_TEXT) {
            bytes = java.util.Arrays.copyOf(bytes, MAX_TEXT);
        }
        ByteBuffer answer = ByteBuffer.allocate(ANSWER_BYTES + bytes.length).putInt(MAGIC).putInt(status)
                .putInt(version).putInt(ringBytes).putInt(maxFrameBytes).putInt(maxReassemblies)
                .putLong(ProcessHandle.current().pid()).putInt(bytes.length).put(bytes).flip();
        writeFully(socket, answer);
    }

    private static Selector register(SocketChannel socket) throws IOException {
        socket.configureBlocking(false);
        Selector selector = Selector.open();
        socket.register(selector, SelectionKey.OP_READ);
        return selector;
    }

    /** Handshake messages are a few dozen bytes: an empty socket buffer takes them in one write. */
    private static void writeFully(SocketChannel socket, ByteBuffer bytes) throws IOException {
        for (int spins = 0; bytes.hasRemaining(); spins++) {
            if (socket.write(bytes) == 0 && spins > 1000) {
                throw new HandshakeException("the peer does not read the handshake");
            }
        }
    }

    private static ByteBuffer readFully(SocketChannel socket, Selector selector, int length, long deadlineNanos)
            throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        while (bytes.hasRemaining()) {
            int read = socket.read(bytes);
            if (read < 0) {
                throw new HandshakeException("the peer closed the socket during the handshake");
            }
            if (read == 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
                if (left <= 0) {
                    throw new HandshakeException("handshake timed out");
                }
                selector.select(left);
                selector.selectedKeys().clear();
            }
        }
        return bytes.flip();
    }
}
