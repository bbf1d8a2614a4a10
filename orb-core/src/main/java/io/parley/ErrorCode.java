package io.parley;

/**
 * The closed set of failures the middleware itself reports. Each code has a number that never changes meaning: it
 * travels on the wire (see {@code docs/errors.md}) and may be stored or matched on by other languages.
 *
 * <table>
 * <caption>What each code means for the caller</caption>
 * <tr><th>code</th><th>meaning</th><th>what to do</th></tr>
 * <tr><td>{@link #OBJECT_NOT_FOUND}</td><td>no object with that id is exported there</td>
 *     <td>re-resolve the reference (by name); do not retry the same reference</td></tr>
 * <tr><td>{@link #METHOD_NOT_FOUND}</td><td>the object has no such method: the two sides disagree on the interface</td>
 *     <td>deploy matching interface versions</td></tr>
 * <tr><td>{@link #INVALID_DATA}</td><td>an argument or result could not be encoded or decoded</td>
 *     <td>fix the value (e.g. a null list element) or the type</td></tr>
 * <tr><td>{@link #PROTOCOL_ERROR}</td><td>malformed message on the wire</td><td>fix the peer; not retryable</td></tr>
 * <tr><td>{@link #UNAUTHORIZED}</td><td>the caller may not call this</td><td>check credentials</td></tr>
 * <tr><td>{@link #DEADLINE_EXCEEDED}</td><td>no answer within the call's deadline</td>
 *     <td>retry only idempotent calls; the call may have run</td></tr>
 * <tr><td>{@link #UNAVAILABLE}</td><td>no connection, or the server is shutting down</td>
 *     <td>retry, elsewhere if possible (when its completion is NO)</td></tr>
 * <tr><td>{@link #RESOURCE_EXHAUSTED}</td><td>a limit was hit (too many calls, too large a message)</td>
 *     <td>back off, or raise the limit</td></tr>
 * <tr><td>{@link #INTERNAL}</td><td>a bug in Parley or a plugin</td><td>report it</td></tr>
 * <tr><td>{@link #REMOTE_FAILURE}</td><td>the servant threw an exception its interface does not declare</td>
 *     <td>look at the remote class and message; fix the servant or declare the exception</td></tr>
 * <tr><td>{@link #CANCELLED}</td><td>the caller cancelled the call</td><td>nothing</td></tr>
 * <tr><td>{@link #INVALID_CONFIGURATION}</td><td>local misuse: a bad remote interface, name or setting</td>
 *     <td>fix the code or configuration as the message says</td></tr>
 * </table>
 */
public enum ErrorCode {
    OBJECT_NOT_FOUND(1),
    METHOD_NOT_FOUND(2),
    INVALID_DATA(3),
    PROTOCOL_ERROR(4),
    UNAUTHORIZED(5),
    DEADLINE_EXCEEDED(6),
    UNAVAILABLE(7),
    RESOURCE_EXHAUSTED(8),
    INTERNAL(9),
    REMOTE_FAILURE(10),
    CANCELLED(11),
    INVALID_CONFIGURATION(12);

    private static final ErrorCode[] BY_NUMBER = new ErrorCode[13];

    static {
        for (ErrorCode code : values()) {
            BY_NUMBER[code.number] = code;
        }
    }

    private final int number;

    ErrorCode(int number) {
        this.number = number;
    }

    /** The stable number of this code on the wire. */
    public int number() {
        return number;
    }

    /** The code with that number, or {@link #INTERNAL} for a number this version does not know. */
    public static ErrorCode ofNumber(int number) {
        return number > 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : INTERNAL;
    }
}
