package io.parley.idl.internal;

import io.parley.ErrorCode;
import io.parley.OrbException;

/**
 * Core refused to write or read a reference (a per-peer limit, a proxy that cannot travel): the codec reports the
 * refusal with its own code and message rather than as a generic encoding failure.
 */
public final class ReferenceRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReferenceRefusedException(OrbException cause) {
        super(cause.getMessage(), cause, false, false);
    }

    /** The refusal's error code. */
    public ErrorCode code() {
        return ((OrbException) getCause()).code();
    }
}
