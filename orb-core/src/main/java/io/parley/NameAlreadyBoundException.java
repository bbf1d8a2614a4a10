package io.parley;

/**
 * A name could not be bound because another process holds it (exclusively, or this bind asked for exclusivity), or
 * this process already bound it to something else. Code INVALID_CONFIGURATION, completion NO.
 */
public class NameAlreadyBoundException extends OrbException {
    private static final long serialVersionUID = 1L;

    public NameAlreadyBoundException(String message) {
        super(ErrorCode.INVALID_CONFIGURATION, Completion.NO, message);
    }
}
