package io.parley;

/**
 * The target could not be reached (connection refused or lost) or is shutting down. When the completion is NO the call can be retried, elsewhere if possible.
 */
public class UnavailableException extends OrbException {
    private static final long serialVersionUID = 1L;

    public UnavailableException(Completion completion, String message) {
        super(ErrorCode.UNAVAILABLE, completion, message);
    }

    public UnavailableException(Completion completion, String message, Throwable cause) {
        super(ErrorCode.UNAVAILABLE, completion, message, cause);
    }
}
