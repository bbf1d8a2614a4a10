package io.parley.transport.netty;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/**
 * A plain {@link Socket} that writes and reads bytes by hand: what a Thrift client in another language sees, or a
 * broken or hostile peer. Reads time out after five seconds so a test never hangs.
 */
final class RawSocket implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawSocket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5_000);
        return new RawSocket(socket);
    }

    int localPort() {
        return socket.getLocalPort();
    }

    /** Writes a frame in Thrift's framed format: 4-byte big-endian length, then the payload. */
    void writeFrame(byte[] payload) throws IOException {
        write(ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array());
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Exactly {@code count} bytes, as they came off the wire. */
    byte[] readExactly(int count) throws IOException {
        byte[] bytes = new byte[count];
        in.readFully(bytes);
        return bytes;
    }

    /** One frame's payload, read in the framed format. */
    byte[] readFrame() throws IOException {
        return readExactly(in.readInt());
    }

    /** Whether the peer closed the connection (end of stream or reset) before the read timeout. */
    boolean closedByPeer() throws IOException {
        try {
            while (in.read() >= 0) {
                // skip whatever was in flight
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset: the peer closed with our unread bytes still in its buffer
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
