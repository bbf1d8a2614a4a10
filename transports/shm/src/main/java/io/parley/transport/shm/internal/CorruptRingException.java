package io.parley.transport.shm.internal;

/**
 * What a peer wrote into shared memory breaks the layout or the fragment protocol (a length, offset, type or
 * position out of bounds, fragments out of sequence, too many reassemblies). The connection can no longer be
 * trusted and is closed with this as the cause; nothing else is affected.
 */
public final class CorruptRingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CorruptRingException(String message) {
        super(message);
    }
}
