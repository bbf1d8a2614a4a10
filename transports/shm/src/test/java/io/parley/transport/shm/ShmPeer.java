package io.parley.transport.shm;

import io.parley.Endpoint;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import io.parley.spi.transport.Transport;
import io.parley.spi.transport.TransportSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The other process of the two-JVM tests: {@code listen <dir>} or {@code connect <dir> <port>}, echoing every frame
 * back. Prints {@code PORT <n>}, {@code OPEN} and {@code CLOSED <cause>}; exits when its standard input closes.
 */
public final class ShmPeer {
    private ShmPeer() {
    }

    public static void main(String[] args) throws IOException {
        ShmSettings shm = ShmSettings.defaults().withDirectory(Path.of(args[1]));
        FrameHandler echo = new FrameHandler() {
            @Override
            public void onOpen(Connection connection) {
                System.out.println("OPEN");
            }

            @Override
            public void onFrame(Connection connection, ByteBuffer frame) {
                connection.send(frame);
            }

            @Override
            public void onClose(Connection connection, Throwable cause) {
                System.out.println("CLOSED " + cause);
            }
        };
        try (Transport transport = new ShmTransport(TransportSettings.defaults(), shm)) {
            if (args[0].equals("listen")) {
                System.out.println("PORT " + transport.listen("127.0.0.1", 0, echo).endpoint().port());
            } else {
                transport.connect(new Endpoint(ShmTransport.NAME, "127.0.0.1", Integer.parseInt(args[2])), echo)
                        .join();
            }
            while (System.in.read() >= 0) {
                // Runs until the test closes standard input (or kills this process).
            }
        }
    }
}
