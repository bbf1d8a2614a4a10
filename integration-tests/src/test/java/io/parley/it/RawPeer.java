package io.parley.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;

/**
 * A raw socket peer for the overload tests: it sends framed calls to {@link Gate} and reads only when told, as a
 * stalled or hostile client would.
 */
final class RawPeer implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    /** Connects with a small receive buffer, so that unread answers back up on the server soon. */
    RawPeer(int port, int receiveBufferBytes) throws IOException {
        socket = new Socket();
        socket.setReceiveBufferSize(receiveBufferBytes);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** One framed {@code Gate.bytes(size)} call (compact protocol) to object {@code gate}. */
    static byte[] bytesCall(int sequenceId, int size) {
        byte[] body = RawFrames.compact(RawFrames.unchecked(p -> {
            p.writeMessageBegin(new TMessage("Gate#gate:bytes", TMessageType.CALL, sequenceId));
            p.writeStructBegin(new TStruct("bytes_args"));
            p.writeFieldBegin(new TField("size", TType.I32, (short) 1));
            p.writeI32(size);
            p.writeFieldEnd();
            p.writeFieldStop();
            p.writeStructEnd();
            p.writeMessageEnd();
        }));
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }

    /** Writes bytes; blocks while the server does not take them (TCP flow control). */
    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Reads and discards until the server closes the connection (true), or nothing arrived for {@code quietMillis}
     * (false).
     */
    boolean drainUntilClosed(int quietMillis) throws IOException {
        socket.setSoTimeout(quietMillis);
        byte[] buffer = new byte[64 * 1024];
        try {
            while (in.read(buffer) >= 0) {
                // discard
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    /** Whether the server closed the connection within {@code millis}, reading nothing else meanwhile. */
    boolean closedWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Reads one frame's body. */
    byte[] readFrame(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        byte[] length = in.readNBytes(4);
        if (length.length < 4) {
            throw new IOException("closed by the server");
        }
        return in.readNBytes(ByteBuffer.wrap(length).getInt());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
