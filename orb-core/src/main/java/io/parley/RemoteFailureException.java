package io.parley;

/**
 * The servant threw an exception that its remote interface does not declare. The remote exception's class name and
 * message are kept; its stack trace and cause stay on the server (they are logged there).
 */
public class RemoteFailureException extends OrbException {
    private static final long serialVersionUID = 1L;

    private final String remoteClassName;
    private final String remoteMessage;
    private final String where;

    /**
     * @param remoteClassName the class of the exception the servant threw
     * @param remoteMessage   its message, or {@code null}
     * @param where           the call that failed, e.g. {@code "Shop.crash of 'shop'"}
     */
    public RemoteFailureException(String remoteClassName, String remoteMessage, String where) {
        super(ErrorCode.REMOTE_FAILURE, Completion.YES,
                where + " threw " + remoteClassName + (remoteMessage == null ? "" : ": " + remoteMessage));
        this.remoteClassName = remoteClassName;
        this.remoteMessage = remoteMessage;
        this.where = where;
    }

    /** The call that failed, as the server described it. */
    public String where() {
        return where;
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
