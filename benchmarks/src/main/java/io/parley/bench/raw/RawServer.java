package io.parley.bench.raw;

import io.parley.bench.ServerMain;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The raw floor's server: blocking sockets on loopback, one thread per connection, which reads each length-prefixed
 * message and writes it back unchanged. Prints its port.
 */
public final class RawServer {

    /** The largest message accepted, far above what the benchmark sends. */
    static final int MAX_MESSAGE_BYTES = 1 << 20;

    private RawServer() {
    }

    public static void main(String[] args) throws IOException {
        ServerSocket listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> accept(listener), "raw-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        ServerMain.serveUntilStdinCloses(String.valueOf(listener.getLocalPort()), () -> closeQuietly(listener));
    }

    private static void accept(ServerSocket listener) {
        int connections = 0;
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                socket.setTcpNoDelay(true);
                Thread handler = new Thread(() -> echo(socket), "raw-connection-" + ++connections);
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                // Closed at shutdown, or one failed accept; the loop condition decides.
            }
        }
    }

    private static void echo(Socket socket) {
        try (socket;
             DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()))) {
            byte[] buffer = new byte[256];
            while (true) {
                int length = in.readInt();
                if (length < 0 || length > MAX_MESSAGE_BYTES) {
                    throw new IOException("message length " + length + " out of range");
                }
                if (length > buffer.length) {
                    buffer = new byte[length];
                }
                in.readFully(buffer, 0, length);
                out.writeInt(length);
                out.write(buffer, 0, length);
                out.flush();
            }
        } catch (EOFException closedByClient) {
            // The client is done.
        } catch (IOException e) {
            System.err.println("raw connection failed: " + e);
        }
    }

    private static void closeQuietly(ServerSocket listener) {
        try {
            listener.close();
        } catch (IOException ignored) {
            // Exiting anyway.
        }
    }
}
