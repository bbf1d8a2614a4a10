package io.parley.it;

import io.parley.Remote;

/** A remote interface for large arguments and results: big enough to be fragmented by the shared-memory rings. */
@Remote
public interface Blobs {
    /** {@code data} back, reversed, so that a copy of the argument cannot pass for the result. */
    byte[] reversed(byte[] data);
}
