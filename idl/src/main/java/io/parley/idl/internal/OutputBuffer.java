package io.parley.idl.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.thrift.TConfiguration;
import org.apache.thrift.transport.TTransport;

/**
 * A growable byte array that libthrift's protocols write into. One per thread, reused for every message; a message
 * that grew it beyond {@link #SHRINK_ABOVE} gives the memory back before the next one, so one huge reply does not
 * pin a large array to a thread for good.
 */
final class OutputBuffer extends TTransport {
    static final int INITIAL_CAPACITY = 4096;
    static final int SHRINK_ABOVE = 1024 * 1024;

    private byte[] bytes = new byte[INITIAL_CAPACITY];
    private int size;
    private ByteBuffer view = ByteBuffer.wrap(bytes);

    /** Starts a new message; the buffer returned for the previous one is no longer valid. */
    void reset() {
        if (bytes.length > SHRINK_ABOVE) {
            bytes = new byte[INITIAL_CAPACITY];
            view = ByteBuffer.wrap(bytes);
        }
        size = 0;
    }

    /** The message written since {@link #reset()}, as a view over this buffer. */
    ByteBuffer written() {
        view.clear().limit(size);
        return view;
    }

    int capacity() {
        return bytes.length;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
        int needed = size + length;
        if (needed > bytes.length) {
            grow(needed);
        }
        System.arraycopy(source, offset, bytes, size, length);
        size = needed;
    }

    /** Appends one byte. */
    void writeByte(byte value) {
        if (size == bytes.length) {
            grow(size + 1);
        }
        bytes[size++] = value;
    }

    private void grow(int needed) {
        if (needed < 0) {
            throw new InvalidValueException("message larger than 2 GB");
        }
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max((long) bytes.length * 2, needed));
        bytes = Arrays.copyOf(bytes, capacity);
        view = ByteBuffer.wrap(bytes);
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void open() {
    }

    @Override
    public void close() {
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        throw new UnsupportedOperationException("an output buffer is not read through libthrift");
    }

    @Override
    public TConfiguration getConfiguration() {
        return TConfiguration.DEFAULT;
    }

    @Override
    public void updateKnownMessageSize(long size) {
        // Writing only: libthrift's read budget does not apply.
    }

    @Override
    public void checkReadBytesAvailable(long numBytes) {
        // Writing only: libthrift's read budget does not apply.
    }

    @Override
    public void resetMessageSizeAndConsumedBytes(long newSize) {
        // Writing only: libthrift's read budget does not apply.
    }
}
