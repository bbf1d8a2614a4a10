package io.parley.spi.codec;

import io.parley.Completion;
import io.parley.ErrorCode;
import io.parley.OrbException;

/**
 * A message could not be decoded (or a value could not be encoded). When its header was read, core answers the
 * call with this error and keeps the connection; without a header the message cannot be answered.
 */
public class CodecException extends OrbException {
    private static final long serialVersionUID = 1L;

    private final transient MessageHeader header;

    public CodecException(ErrorCode code, String message, MessageHeader header, Throwable cause) {
        this(code, Completion.NO, message, header, cause);
    }

    /** With an explicit completion: YES when a servant's result could not be encoded. */
    public CodecException(ErrorCode code, Completion completion, String message, MessageHeader header,
            Throwable cause) {
        super(code, completion, message, cause);
        this.header = header;
    }

    /** The header of the message, or {@code null} when even the header was unreadable. */
    public MessageHeader header() {
        return header;
    }
}
