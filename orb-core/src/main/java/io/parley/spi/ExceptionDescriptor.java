package io.parley.spi;

/**
 * An exception a remote method declares: a field of the method's Thrift {@code result} struct, holding a struct
 * with the exception's message (field 1).
 *
 * @param id   the result field id: the exception's position in the {@code throws} clause, starting at 1
 * @param type the declared exception class, which has a public constructor taking the message
 */
public record ExceptionDescriptor(int id, Class<? extends Throwable> type) {
    /** The Thrift field id of the message inside the exception struct. */
    public static final short MESSAGE_FIELD_ID = 1;
}
