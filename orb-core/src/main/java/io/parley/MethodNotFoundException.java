package io.parley;

/**
 * The target object has no method of that name: caller and server disagree on the remote interface. Completion is always NO.
 */
public class MethodNotFoundException extends OrbException {
    private static final long serialVersionUID = 1L;

    public MethodNotFoundException(Completion completion, String message) {
        super(ErrorCode.METHOD_NOT_FOUND, completion, message);
    }

    public MethodNotFoundException(Completion completion, String message, Throwable cause) {
        super(ErrorCode.METHOD_NOT_FOUND, completion, message, cause);
    }
}
