package io.parley.idl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parley.ErrorCode;
import io.parley.spi.codec.CodecException;
import io.parley.spi.codec.CodecSettings;
import io.parley.spi.codec.MessageHeader;
import io.parley.spi.codec.MessageType;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolFactory;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryBuffer;
import org.junit.jupiter.api.Test;

/**
 * The readers' own bookkeeping: reading in place without moving the caller's buffer, field-id deltas across nested
 * structs, and the caches of message names.
 */
class WireReaderTest {
    private static final CodecSettings SETTINGS = CodecSettings.defaults();

    @Test
    void readingLeavesTheCallersPositionLimitAndOrderAlone() throws TException {
        byte[] message = nested(new TCompactProtocol.Factory(), "Svc#obj:deep", 7);
        for (ByteBuffer frame : placements(message)) {
            int position = frame.position();
            int limit = frame.limit();
            ByteOrder order = frame.order();
            assertNestedFieldsRead(WireReader.of(frame, SETTINGS), "Svc#obj:deep", 7);
            assertEquals(position, frame.position());
            assertEquals(limit, frame.limit());
            assertEquals(order, frame.order());
            // Readable again: nothing was consumed.
            assertNestedFieldsRead(WireReader.of(frame, SETTINGS), "Svc#obj:deep", 7);
        }
    }

    @Test
    void binaryProtocolIsReadBigEndianWhateverTheBuffersOrder() throws TException {
        byte[] message = nested(new TBinaryProtocol.Factory(), "Svc#obj:deep", 0x01020304);
        for (ByteBuffer frame : placements(message)) {
            frame.order(ByteOrder.LITTLE_ENDIAN);
            assertNestedFieldsRead(WireReader.of(frame, SETTINGS), "Svc#obj:deep", 0x01020304);
            assertEquals(ByteOrder.LITTLE_ENDIAN, frame.order());
        }
    }

    @Test
    void everyTruncationUnderflowsOrFailsAsMalformed() throws TException {
        byte[] message = nested(new TCompactProtocol.Factory(), "Svc#obj:deep", 7);
        for (int length = 1; length < message.length; length++) {
            for (ByteBuffer frame : placements(Arrays.copyOf(message, length))) {
                WireReader in = WireReader.of(frame, SETTINGS);
                assertThrows(RuntimeException.class, () -> assertNestedFieldsRead(in, "Svc#obj:deep", 7),
                        "cut at " + length);
            }
        }
        ByteBuffer cut = ByteBuffer.wrap(Arrays.copyOf(message, 3));
        WireReader in = WireReader.of(cut, SETTINGS);
        assertThrows(BufferUnderflowException.class, in::readMessageBegin);
    }

    @Test
    void aNameReadAgainIsTheSameStringAndEveryNameIsReadRight() throws TException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            names.add("Service" + (i % 7) + "#object-" + i + ":method" + (i % 3));
        }
        names.add("Svc#caf\u00e9:m\u00e9thode"); // not ASCII
        for (int round = 0; round < 2; round++) {
            for (String name : names) {
                byte[] message = nested(new TCompactProtocol.Factory(), name, 1);
                String first = readName(ByteBuffer.wrap(message));
                assertEquals(name, first);
                assertSame(first, readName(ByteBuffer.wrap(message)), "read twice in a row: cached");
                assertEquals(name, readName(ByteBuffer.allocateDirect(message.length).put(message).flip()));
            }
        }
    }

    @Test
    void aLongNameIsReadRightButNotCached() throws TException {
        String name = "Svc#" + "x".repeat(300) + ":m";
        byte[] message = nested(new TCompactProtocol.Factory(), name, 1);
        String first = readName(ByteBuffer.wrap(message));
        assertEquals(name, first);
        assertNotSame(first, readName(ByteBuffer.wrap(message)));
    }

    @Test
    void messageNameParsesTheSameNameOnceAndStillRejectsBadNames() {
        for (int i = 0; i < 300; i++) {
            String name = "Service#object-" + i + ":method" + (i % 5);
            MessageName parts = MessageName.parse(header(name));
            assertEquals(new MessageName("Service", "object-" + i, "method" + (i % 5)), parts);
            assertSame(parts, MessageName.parse(header(name)));
            assertEquals(parts, MessageName.parse(header(new String(name.toCharArray()))), "equal, not identical");
        }
        for (int round = 0; round < 2; round++) {
            assertEquals(ErrorCode.METHOD_NOT_FOUND,
                    assertThrows(CodecException.class, () -> MessageName.parse(header("Svc#obj"))).code());
            assertEquals(ErrorCode.OBJECT_NOT_FOUND,
                    assertThrows(CodecException.class, () -> MessageName.parse(header("Svc:method"))).code());
        }
    }

    private static MessageHeader header(String name) {
        return new MessageHeader(name, MessageType.CALL, 1, Wire.COMPACT);
    }

    private static String readName(ByteBuffer frame) {
        return WireReader.of(frame, SETTINGS).readMessageBegin().name();
    }

    /** The message at position 0 of a heap buffer, in the middle of a larger array, and in a direct buffer. */
    private static List<ByteBuffer> placements(byte[] message) {
        byte[] padded = new byte[message.length + 10];
        System.arraycopy(message, 0, padded, 3, message.length);
        ByteBuffer middle = ByteBuffer.wrap(padded, 3, message.length);
        ByteBuffer sliced = ByteBuffer.wrap(padded, 3, message.length).slice();
        ByteBuffer direct = ByteBuffer.allocateDirect(message.length + 5);
        direct.position(5);
        direct.put(message).position(5);
        return List.of(ByteBuffer.wrap(message), middle, sliced, direct);
    }

    /**
     * A CALL whose args nest four structs deep, with field ids that jump (so compact deltas and explicit ids both
     * occur) and fields after each inner struct, whose ids are deltas from the field before that struct.
     */
    private static byte[] nested(TProtocolFactory factory, String name, int value)
            throws TException {
        TMemoryBuffer buffer = new TMemoryBuffer(256);
        TProtocol out = factory.getProtocol(buffer);
        out.writeMessageBegin(new TMessage(name, (byte) MessageType.CALL.wireValue(), 42));
        writeLevel(out, 0, value);
        out.writeMessageEnd();
        return Arrays.copyOf(buffer.getArray(), buffer.length());
    }

    private static void writeLevel(TProtocol out, int level, int value) throws TException {
        out.writeStructBegin(new TStruct());
        out.writeFieldBegin(new TField("a", TType.I32, (short) (level + 1)));
        out.writeI32(value + level);
        out.writeFieldEnd();
        if (level < 3) {
            out.writeFieldBegin(new TField("s", TType.STRUCT, (short) (10 * (level + 1))));
            writeLevel(out, level + 1, value);
            out.writeFieldEnd();
        }
        out.writeFieldBegin(new TField("b", TType.I64, (short) (10 * (level + 1) + 3)));
        out.writeI64(-value - level);
        out.writeFieldEnd();
        out.writeFieldBegin(new TField("c", TType.BOOL, (short) (100 + level)));
        out.writeBool(level % 2 == 0);
        out.writeFieldEnd();
        out.writeFieldStop();
        out.writeStructEnd();
    }

    private static void assertNestedFieldsRead(WireReader in, String name, int value) {
        MessageHeader header = in.readMessageBegin();
        assertEquals(name, header.name());
        assertEquals(MessageType.CALL, header.type());
        assertEquals(42, header.sequenceId());
        readLevel(in, 0, value);
        assertEquals(0, in.remaining());
    }

    private static void readLevel(WireReader in, int level, int value) {
        in.structBegin();
        assertEquals(TType.I32, in.readFieldBegin());
        assertEquals(level + 1, in.fieldId());
        assertEquals(value + level, in.readI32());
        if (level < 3) {
            assertEquals(TType.STRUCT, in.readFieldBegin());
            assertEquals(10 * (level + 1), in.fieldId());
            readLevel(in, level + 1, value);
        }
        assertEquals(TType.I64, in.readFieldBegin());
        assertEquals(10 * (level + 1) + 3, in.fieldId(), "id after the inner struct, at level " + level);
        assertEquals(-value - level, in.readI64());
        assertEquals(TType.BOOL, in.readFieldBegin());
        assertEquals(100 + level, in.fieldId());
        assertEquals(level % 2 == 0, in.readBool());
        assertEquals(TType.STOP, in.readFieldBegin());
        in.structEnd();
    }
}
