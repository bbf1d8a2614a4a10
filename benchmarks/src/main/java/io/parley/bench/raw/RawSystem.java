package io.parley.bench.raw;

import io.parley.bench.Caller;
import io.parley.bench.ServerLauncher;
import io.parley.bench.ServerProcess;
import io.parley.bench.SystemUnderTest;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

/**
 * The cost floor of a round trip: a blocking-socket ping-pong with {@link RawServer}, one connection per caller.
 * {@code add} sends its two ints (8 bytes) and {@code echo} its payload, each behind a 4-byte length, and read the
 * same bytes back; nothing is marshaled beyond that.
 */
public final class RawSystem implements SystemUnderTest {

    private static final int TIMEOUT_MILLIS = 10_000;

    private ServerProcess server;
    private int port;

    @Override
    public String name() {
        return "raw";
    }

    @Override
    public void start(ServerLauncher launcher) throws IOException {
        server = launcher.start(name(), RawServer.class, List.of());
        port = Integer.parseInt(server.readyValue());
    }

    @Override
    public Caller newCaller() throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
        return new RawCaller(socket);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
    }

    /** One connection, used by one thread. */
    private static final class RawCaller implements Caller {
        private final Socket socket;
        private final DataInputStream in;
        private final DataOutputStream out;

        RawCaller(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
        }

        @Override
        public int add(int a, int b) throws IOException {
            out.writeInt(8);
            out.writeInt(a);
            out.writeInt(b);
            out.flush();
            expectLength(8);
            return in.readInt() + in.readInt();
        }

        @Override
        public byte[] echo(byte[] payload) throws IOException {
            out.writeInt(payload.length);
            out.write(payload);
            out.flush();
            byte[] answer = new byte[expectLength(payload.length)];
            in.readFully(answer);
            return answer;
        }

        private int expectLength(int expected) throws IOException {
            int length = in.readInt();
            if (length != expected) {
                throw new IOException("raw server answered " + length + " bytes, expected " + expected);
            }
            return length;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
