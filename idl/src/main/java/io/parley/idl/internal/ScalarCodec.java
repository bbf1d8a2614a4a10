package io.parley.idl.internal;

import io.parley.spi.ValueType;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TType;

/** Codecs of the values that are one Thrift primitive on the wire: numbers, strings, binary, UUIDs, decimals. */
final class ScalarCodec extends ValueCodec {
    /**
     * Decimals longer than this are refused: parsing a {@code BigDecimal} costs time quadratic in its digits, so an
     * unbounded one would let a small message burn a server's CPU.
     */
    static final int MAX_DECIMAL_CHARS = 10_000;

    @FunctionalInterface
    private interface Writer {
        void write(TProtocol out, Object value) throws TException;
    }

    @FunctionalInterface
    private interface Reader {
        Object read(WireReader in);
    }

    private final Writer writer;
    private final Reader reader;
    private final Object absent;

    private ScalarCodec(byte wireType, Writer writer, Reader reader, Object absent) {
        super(wireType);
        this.writer = writer;
        this.reader = reader;
        this.absent = absent;
    }

    /** The codec of a scalar kind; an absent value of a Java primitive reads as its zero. */
    static ScalarCodec of(ValueType type) {
        boolean primitive = type.isPrimitive();
        return switch (type.kind()) {
            case BOOL -> new ScalarCodec(TType.BOOL, (out, v) -> out.writeBool((Boolean) v),
                    WireReader::readBool, primitive ? Boolean.FALSE : null);
            case BYTE -> new ScalarCodec(TType.BYTE, (out, v) -> out.writeByte((Byte) v),
                    WireReader::readByte, primitive ? (byte) 0 : null);
            case I16 -> new ScalarCodec(TType.I16, (out, v) -> out.writeI16((Short) v),
                    WireReader::readI16, primitive ? (short) 0 : null);
            case I32 -> new ScalarCodec(TType.I32, (out, v) -> out.writeI32((Integer) v),
                    WireReader::readI32, primitive ? 0 : null);
            case I64 -> new ScalarCodec(TType.I64, (out, v) -> out.writeI64((Long) v),
                    WireReader::readI64, primitive ? 0L : null);
            // Thrift has no float: widened to double, narrowed back on reading.
            case FLOAT -> new ScalarCodec(TType.DOUBLE, (out, v) -> out.writeDouble((Float) v),
                    in -> (float) in.readDouble(), primitive ? 0f : null);
            case DOUBLE -> new ScalarCodec(TType.DOUBLE, (out, v) -> out.writeDouble((Double) v),
                    WireReader::readDouble, primitive ? 0d : null);
            case CHAR -> new ScalarCodec(TType.STRING, (out, v) -> out.writeString(String.valueOf((char) (Character) v)),
                    ScalarCodec::readChar, primitive ? '\0' : null);
            case STRING -> new ScalarCodec(TType.STRING, (out, v) -> out.writeString((String) v),
                    WireReader::readString, null);
            case BINARY -> new ScalarCodec(TType.STRING, (out, v) -> out.writeBinary(ByteBuffer.wrap((byte[]) v)),
                    WireReader::readBinary, null);
            case UUID -> new ScalarCodec(TType.STRING, (out, v) -> out.writeString(v.toString()),
                    ScalarCodec::readUuid, null);
            case DECIMAL -> new ScalarCodec(TType.STRING, (out, v) -> out.writeString(v.toString()),
                    ScalarCodec::readDecimal, null);
            default -> throw new IllegalArgumentException(type.kind() + " is not a scalar kind");
        };
    }

    @Override
    public void write(WireWriter out, Object value) throws TException {
        writer.write(out.protocol(), value);
    }

    @Override
    public Object read(WireReader in) {
        return reader.read(in);
    }

    @Override
    public Object absent() {
        return absent;
    }

    private static Object readChar(WireReader in) {
        String text = in.readString();
        if (text.length() != 1) {
            throw new InvalidValueException("a char travels as a one-character string, got " + text.length()
                    + " characters");
        }
        return text.charAt(0);
    }

    private static Object readUuid(WireReader in) {
        String text = in.readString();
        try {
            UUID uuid = UUID.fromString(text);
            if (text.length() != 36) {
                throw new IllegalArgumentException("not in canonical form");
            }
            return uuid;
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("'" + abbreviate(text) + "' is not a UUID in canonical form", e);
        }
    }

    private static Object readDecimal(WireReader in) {
        String text = in.readString();
        if (text.length() > MAX_DECIMAL_CHARS) {
            throw new InvalidValueException("a decimal of " + text.length() + " characters is longer than the "
                    + MAX_DECIMAL_CHARS + " this codec parses");
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("'" + abbreviate(text) + "' is not a decimal number", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
