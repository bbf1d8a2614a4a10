package io.parley.spi.codec;

/** The kinds of messages on the wire, with Thrift's numbers. */
public enum MessageType {
    CALL(1), REPLY(2), EXCEPTION(3), ONEWAY(4);

    private final int wireValue;

    MessageType(int wireValue) {
        this.wireValue = wireValue;
    }

    /** Thrift's number for this message type. */
    public int wireValue() {
        return wireValue;
    }

    /** The type with that Thrift number, or {@code null}. */
    public static MessageType ofWireValue(int value) {
        for (MessageType type : values()) {
            if (type.wireValue == value) {
                return type;
            }
        }
        return null;
    }
}
