package io.parley.spi.codec;

/** The kinds of messages on the wire, with Thrift's numbers. */
public enum MessageType {
    CALL(1), REPLY(2), EXCEPTION(3), ONEWAY(4);

    /** Indexed by wire value; {@code values()} would copy an array per message. */
    private static final MessageType[] BY_WIRE_VALUE = {null, CALL, REPLY, EXCEPTION, ONEWAY};

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
        return value > 0 && value < BY_WIRE_VALUE.length ? BY_WIRE_VALUE[value] : null;
    }
}
