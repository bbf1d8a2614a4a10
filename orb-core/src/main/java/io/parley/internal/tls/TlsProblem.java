package io.parley.internal.tls;

import io.parley.Completion;
import io.parley.ErrorCode;
import io.parley.OrbException;

/** The error of bad TLS material: what is wrong with which file, and what to do. */
final class TlsProblem {
    private TlsProblem() {
    }

    static OrbException invalid(String message) {
        return new OrbException(ErrorCode.INVALID_CONFIGURATION, Completion.NO, "TLS configuration: " + message);
    }

    static OrbException invalid(String message, Throwable cause) {
        return new OrbException(ErrorCode.INVALID_CONFIGURATION, Completion.NO, "TLS configuration: " + message,
                cause);
    }
}
