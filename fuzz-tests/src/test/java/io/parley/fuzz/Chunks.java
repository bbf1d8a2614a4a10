package io.parley.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Cuts a byte stream into the pieces a socket might deliver, reproducibly from one seed byte. */
final class Chunks {
    private Chunks() {
    }

    /** {@code stream} in one piece for seed 0, else in pieces of 1 to 64 bytes drawn from the seed. */
    static List<byte[]> cut(byte[] stream, int seed) {
        List<byte[]> chunks = new ArrayList<>();
        if (seed == 0) {
            chunks.add(stream);
            return chunks;
        }
        int state = seed * 0x9E3779B9; // xorshift: deterministic, so a saved input replays the same chunks
        for (int at = 0; at < stream.length; ) {
            state ^= state << 13;
            state ^= state >>> 17;
            state ^= state << 5;
            int size = Math.min(stream.length - at, 1 + (state & 63));
            chunks.add(Arrays.copyOfRange(stream, at, at + size));
            at += size;
        }
        return chunks;
    }
}
