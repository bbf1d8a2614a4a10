package io.parley;

import java.util.Objects;

/**
 * The root of the failures that Parley itself reports: unchecked, with a stable {@link ErrorCode} and a
 * {@link Completion} that says whether the servant ran. Exceptions that a remote method declares are not wrapped:
 * they reach the caller as themselves.
 */
public class OrbException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final Completion completion;

    public OrbException(ErrorCode code, Completion completion, String message) {
        this(code, completion, message, null);
    }

    public OrbException(ErrorCode code, Completion completion, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.completion = Objects.requireNonNull(completion, "completion");
    }

    /** What went wrong. */
    public ErrorCode code() {
        return code;
    }

    /** Whether the servant ran. */
    public Completion completion() {
        return completion;
    }

    @Override
    public String toString() {
        return getClass().getName() + " [" + code + ", completed=" + completion + "]: " + getMessage();
    }
}
