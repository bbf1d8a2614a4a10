package io.parley.transport.shm.internal;

import java.nio.ByteBuffer;

/**
 * Receives the committed records of a {@link ShmRing}, called by its one consumer thread. The payload lies in shared
 * memory at {@code data[offset, offset + length)} and is valid only during the call: the ring zeroes it afterwards,
 * and the peer could change it at any time, so a handler copies before it interprets.
 */
@FunctionalInterface
public interface RecordHandler {

    /**
     * One record ({@link ShmLayout#WHOLE}, {@code BEGIN}, {@code MIDDLE} or {@code END}); its length and type are
     * checked already, its message id and value are not.
     */
    void onRecord(int type, int message, int value, ByteBuffer data, int offset, int length);
}
