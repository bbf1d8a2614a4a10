package io.parley;

/**
 * The servant threw an exception that its remote interface does not declare. The remote exception's class name and
 * message are kept; its stack trace and cause stay on the server (they are logged there).
 */
public class RemoteFailureException extends OrbException {
    private static final long serialVersionUID = 1L;

    private final String remoteClassName;
    private final String remoteMessage;

    public RemoteFailureException(String remoteClassName, String remoteMessage, String where) {
        super(ErrorCode.REMOTE_FAILURE, Completion.YES,
                where + " threw " + remoteClassName + (remoteMessage == null ? "" : ": " + remoteMessage));
        this.remoteClassName = remoteClassName;
        this.remoteMessage = remoteMessage;
    }

    /** The fully qualified class name of the exception thrown on the server. */
    public String remoteClassName() {
        return remoteClassName;
    }

    /** Its message, or {@code null}. */
    public String remoteMessage() {
        return remoteMessage;
    }
}
