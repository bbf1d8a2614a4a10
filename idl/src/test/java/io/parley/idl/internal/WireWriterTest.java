package io.parley.idl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.parley.spi.codec.MessageType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.transport.TMemoryBuffer;
import org.junit.jupiter.api.Test;

/** The writer's own message header is libthrift's, byte for byte, in both protocols. */
class WireWriterTest {
    private static final String[] NAMES = {"", "add", "Calculator#c-1:add", "Ünïcødé#objeto:método",
        "x".repeat(200), "y".repeat(20_000)};
    private static final int[] SEQUENCE_IDS = {0, 1, 127, 128, 16_383, 16_384, 2_097_152, Integer.MAX_VALUE, -1,
        Integer.MIN_VALUE};
    private static final MessageType[] TYPES = {MessageType.CALL, MessageType.REPLY, MessageType.EXCEPTION,
        MessageType.ONEWAY};

    @Test
    void compactHeaderIsLibthriftsByteForByte() throws TException {
        assertHeadersMatch(Wire.COMPACT, new TCompactProtocol.Factory());
    }

    @Test
    void binaryHeaderIsLibthriftsByteForByte() throws TException {
        assertHeadersMatch(Wire.BINARY, new TBinaryProtocol.Factory(true, true));
    }

    private static void assertHeadersMatch(int protocolId, org.apache.thrift.protocol.TProtocolFactory factory)
            throws TException {
        for (String name : NAMES) {
            for (int sequenceId : SEQUENCE_IDS) {
                for (MessageType type : TYPES) {
                    byte wireType = (byte) type.wireValue();
                    WireWriter writer = WireWriter.begin(protocolId, 64);
                    writer.writeMessageBegin(name.getBytes(StandardCharsets.UTF_8), wireType, sequenceId);
                    byte[] ours = bytes(writer.end());

                    TMemoryBuffer reference = new TMemoryBuffer(64);
                    TProtocol protocol = factory.getProtocol(reference);
                    protocol.writeMessageBegin(new TMessage(name, wireType, sequenceId));
                    byte[] theirs = java.util.Arrays.copyOf(reference.getArray(), reference.length());

                    assertArrayEquals(theirs, ours, () -> type + " " + sequenceId + " \"" + name.substring(0,
                            Math.min(20, name.length())) + "\"");
                }
            }
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
