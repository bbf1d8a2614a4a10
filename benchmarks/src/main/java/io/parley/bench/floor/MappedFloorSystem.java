package io.parley.bench.floor;

import io.parley.bench.Caller;
import io.parley.bench.ServerLauncher;
import io.parley.bench.ServerProcess;
import io.parley.bench.SystemUnderTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cost floor of a same-host round trip: two processes ping-ponging sequence numbers (and the bytes of the call)
 * through a mapped file, both sides spinning, nothing marshaled, no framing, no wake-ups. One slot per caller
 * thread; {@code add} sends its two ints, {@code echo} its payload.
 */
public final class MappedFloorSystem implements SystemUnderTest {
    private final AtomicInteger slots = new AtomicInteger();
    private ServerProcess server;
    private MappedSlots file;

    @Override
    public String name() {
        return "shm-floor";
    }

    @Override
    public void start(ServerLauncher launcher) throws IOException {
        server = launcher.start(name(), MappedFloorServer.class, List.of());
        file = MappedSlots.map(Path.of(server.readyValue()), false);
    }

    @Override
    public Caller newCaller() {
        int slot = slots.getAndIncrement();
        if (slot >= MappedSlots.SLOTS) {
            throw new IllegalStateException("the floor has " + MappedSlots.SLOTS + " slots");
        }
        return new FloorCaller(file, slot);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
    }

    /** One slot, used by one thread. */
    private static final class FloorCaller implements Caller {
        private final MappedSlots file;
        private final int slot;
        private final byte[] request = new byte[MappedSlots.MAX_PAYLOAD];
        private final byte[] response = new byte[MappedSlots.MAX_PAYLOAD];
        private long sequence;

        FloorCaller(MappedSlots file, int slot) {
            this.file = file;
            this.slot = slot;
        }

        @Override
        public int add(int a, int b) {
            ByteBuffer.wrap(request).putInt(0, a).putInt(4, b);
            file.request(slot, ++sequence, request, 8);
            file.awaitResponse(slot, sequence, response);
            ByteBuffer answer = ByteBuffer.wrap(response);
            return answer.getInt(0) + answer.getInt(4);
        }

        @Override
        public byte[] echo(byte[] payload) {
            file.request(slot, ++sequence, payload, payload.length);
            int length = file.awaitResponse(slot, sequence, response);
            return java.util.Arrays.copyOf(response, length);
        }
    }
}
