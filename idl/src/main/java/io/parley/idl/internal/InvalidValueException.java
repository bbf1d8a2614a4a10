package io.parley.idl.internal;

/**
 * A value cannot be written in Thrift (a null list element) or a well-formed wire value cannot become its Java type
 * (a two-character string for a {@code char}). Carries the path of fields that leads to the value, built up as the
 * exception passes through each enclosing struct. Becomes a {@link io.parley.spi.codec.CodecException} with code
 * {@code INVALID_DATA}.
 */
public final class InvalidValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String problem;

    public InvalidValueException(String problem) {
        this("", problem, null);
    }

    public InvalidValueException(String problem, Throwable cause) {
        this("", problem, cause);
    }

    private InvalidValueException(String path, String problem, Throwable cause) {
        super(path.isEmpty() ? problem : path + ": " + problem, cause);
        this.path = path;
        this.problem = problem;
    }

    /** The same failure seen from the struct that holds {@code field}. */
    InvalidValueException within(String field) {
        InvalidValueException outer = new InvalidValueException(
                path.isEmpty() ? field : field + "." + path, problem, getCause());
        outer.setStackTrace(getStackTrace());
        return outer;
    }
}
