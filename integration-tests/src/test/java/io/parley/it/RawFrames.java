package io.parley.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.function.Consumer;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.transport.TMemoryBuffer;

/** A raw socket speaking framed Thrift by hand, as a hostile or broken client would. */
final class RawFrames implements AutoCloseable {
    private final Socket socket;
    private final DataOutputStream out;
    private final DataInputStream in;

    RawFrames(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        out = new DataOutputStream(socket.getOutputStream());
        in = new DataInputStream(socket.getInputStream());
    }

    /** Sends a 4-byte length (whatever it says) followed by {@code body}. */
    void sendFrame(int length, byte[] body) throws IOException {
        out.writeInt(length);
        out.write(body);
        out.flush();
    }

    void sendFrame(byte[] body) throws IOException {
        sendFrame(body.length, body);
    }

    /** Reads one frame's body. */
    byte[] readFrame() throws IOException {
        int length = in.readInt();
        byte[] body = new byte[length];
        in.readFully(body);
        return body;
    }

    /** Whether the server closed the connection (reads end of stream) within the socket timeout. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by peer
        }
    }

    /** A compact-protocol message written by libthrift itself. */
    static byte[] compact(Consumer<TProtocol> writer) {
        try {
            TMemoryBuffer buffer = new TMemoryBuffer(256);
            writer.accept(new TCompactProtocol(buffer));
            return java.util.Arrays.copyOf(buffer.getArray(), buffer.length());
        } catch (TException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Wraps libthrift's checked exceptions for use in lambdas. */
    interface ThriftWriter {
        void write(TProtocol protocol) throws TException;
    }

    static Consumer<TProtocol> unchecked(ThriftWriter writer) {
        return protocol -> {
            try {
                writer.write(protocol);
            } catch (TException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
