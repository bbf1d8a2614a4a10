package io.parley;

/**
 * No object with the requested id is exported where the reference points (it was unexported, or its server restarted). Completion is always NO.
 */
public class ObjectNotFoundException extends OrbException {
    private static final long serialVersionUID = 1L;

    public ObjectNotFoundException(Completion completion, String message) {
        super(ErrorCode.OBJECT_NOT_FOUND, completion, message);
    }

    public ObjectNotFoundException(Completion completion, String message, Throwable cause) {
        super(ErrorCode.OBJECT_NOT_FOUND, completion, message, cause);
    }
}
