package io.parley;

/**
 * No answer arrived within the call's deadline. The call may still run on the server (completion MAYBE) unless the server reported that it abandoned it (NO).
 */
public class DeadlineExceededException extends OrbException {
    private static final long serialVersionUID = 1L;

    public DeadlineExceededException(Completion completion, String message) {
        super(ErrorCode.DEADLINE_EXCEEDED, completion, message);
    }

    public DeadlineExceededException(Completion completion, String message, Throwable cause) {
        super(ErrorCode.DEADLINE_EXCEEDED, completion, message, cause);
    }
}
