package io.parley.bench.floor;

import io.parley.bench.ServerMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared-memory floor's server: maps a new file in {@code /dev/shm} (else the temporary directory), prints its
 * path, and answers every slot's requests from one thread that spins over the slots without end, as a shared-memory
 * server's receive thread in busy-spin mode would. Deletes the file when it stops.
 */
public final class MappedFloorServer {
    private static volatile boolean running = true;

    private MappedFloorServer() {
    }

    public static void main(String[] args) throws IOException {
        Path directory = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm")
                : Path.of(System.getProperty("java.io.tmpdir"));
        Path path = directory.resolve("parley-floor-" + ProcessHandle.current().pid());
        MappedSlots slots = MappedSlots.map(path, true);
        Thread answerer = new Thread(() -> answer(slots), "floor-answerer");
        answerer.setDaemon(true);
        answerer.start();
        ServerMain.serveUntilStdinCloses(path.toString(), () -> {
            running = false;
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                System.err.println("could not delete " + path + ": " + e);
            }
        });
    }

    private static void answer(MappedSlots slots) {
        long[] lastSeen = new long[MappedSlots.SLOTS];
        byte[] scratch = new byte[MappedSlots.MAX_PAYLOAD];
        while (running) {
            boolean answered = false;
            for (int slot = 0; slot < MappedSlots.SLOTS; slot++) {
                answered |= slots.answer(slot, lastSeen, scratch);
            }
            if (!answered) {
                Thread.onSpinWait();
            }
        }
    }
}
