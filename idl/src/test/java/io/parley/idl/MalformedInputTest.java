package io.parley.idl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.parley.ErrorCode;
import io.parley.idl.TestModel.Catalog;
import io.parley.idl.TestModel.Node;
import io.parley.spi.codec.CodecException;
import io.parley.spi.codec.CodecSettings;
import io.parley.spi.codec.MessageType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hostile and broken frames fail as CodecExceptions, quickly, without large allocations. */
class MalformedInputTest {
    /** Far below the sizes the hostile frames announce (megabytes to gigabytes). */
    private static final long SMALL_ALLOCATION = 256 * 1024;

    private final CodecHarness harness = new CodecHarness();

    @BeforeEach
    void warmUp() {
        // Build the method codecs first, so allocation measurements see only the decoding.
        harness.callThrough(Catalog.class, "log", "x");
        harness.callThrough(Catalog.class, "index", List.of(), null);
        harness.callThrough(Catalog.class, "tree", new Node("n", List.of()));
    }

    @Test
    void everyTruncationOfAValidCallIsAProtocolError() {
        byte[] frame = harness.encodeCall(Catalog.class, "echo", ValueRoundTripTest.full());
        for (int length = 0; length < frame.length; length++) {
            CodecException e = decodeFails(Arrays.copyOf(frame, length));
            assertEquals(ErrorCode.PROTOCOL_ERROR, e.code(), "cut at " + length + ": " + e.getMessage());
        }
        CodecException afterHeader = decodeFails(Arrays.copyOf(frame, frame.length - 1));
        assertNotNull(afterHeader.header(), "a call cut after its header can still be answered");
        assertEquals(42, afterHeader.header().sequenceId());
        assertTrue(afterHeader.getMessage().contains("truncated"), afterHeader.getMessage());
    }

    @Test
    void emptyFrameIsAProtocolErrorWithoutHeader() {
        CodecException e = decodeFails(new byte[0]);
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.code());
        assertNull(e.header());
    }

    @Test
    void stringLongerThanTheFrameFailsBeforeAllocating() throws Exception {
        byte[] frame = frame("Catalog#o:log", out -> out.writeFieldBegin(new TField("line", TType.STRING, (short) 1)),
                varint(10_000_000), "abc".getBytes());
        decodeFails(frame); // first run loads the classes of the failure path
        long allocated = CodecHarness.allocatedDuring(() -> {
            CodecException e = decodeFails(frame);
            assertEquals(ErrorCode.PROTOCOL_ERROR, e.code());
            assertTrue(e.getMessage().contains("left in the frame"), e.getMessage());
            assertEquals("Catalog#o:log", e.header().name());
        });
        assertTrue(allocated < SMALL_ALLOCATION, "allocated " + allocated + " bytes");
    }

    @Test
    void stringLongerThanTheSettingFailsNamingTheSetting() throws Exception {
        byte[] frame = frame("Catalog#o:log", out -> out.writeFieldBegin(new TField("line", TType.STRING, (short) 1)),
                varint(Integer.MAX_VALUE), "abc".getBytes());
        CodecException e = decodeFails(frame);
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.code());
        assertTrue(e.getMessage().contains("CodecSettings.maxStringBytes"), e.getMessage());
    }

    @Test
    void hugeListCountInATinyFrameFailsQuicklyWithoutAllocating() throws Exception {
        for (int count : new int[] {Integer.MAX_VALUE, 900_000}) {
            byte[] frame = frame("Catalog#o:index",
                    out -> out.writeFieldBegin(new TField("forest", TType.LIST, (short) 1)),
                    new byte[] {(byte) 0xFC}, varint(count), new byte[] {0, 0, 0});
            decodeFails(frame); // first run loads the classes of the failure path
            long allocated = CodecHarness.allocatedDuring(() -> assertTimeoutPreemptively(Duration.ofSeconds(1),
                    () -> {
                        CodecException e = decodeFails(frame);
                        assertEquals(ErrorCode.PROTOCOL_ERROR, e.code());
                        assertTrue(e.getMessage().contains(count == Integer.MAX_VALUE
                                ? "CodecSettings.maxContainerEntries" : "left in the frame"), e.getMessage());
                    }));
            assertTrue(allocated < SMALL_ALLOCATION, "allocated " + allocated + " bytes for count " + count);
        }
    }

    @Test
    void hugeCountInAnUnknownFieldIsRejectedWhileSkipping() throws Exception {
        byte[] frame = frame("Catalog#o:log", out -> out.writeFieldBegin(new TField("x", TType.MAP, (short) 9)),
                varint(800_000), new byte[] {(byte) 0x88, 1, 2, 3});
        CodecException e = decodeFails(frame);
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.code());
        assertTrue(e.getMessage().contains("left in the frame"), e.getMessage());
    }

    @Test
    void recordsNestedDeeperThanTheLimitAreRejected() {
        Node chain = new Node("leaf", List.of());
        for (int i = 0; i < 100; i++) {
            chain = new Node("n" + i, List.of(chain));
        }
        CodecHarness permissive = new CodecHarness(new CodecSettings(1 << 20, 1000, 1000));
        byte[] frame = permissive.encodeCall(Catalog.class, "tree", chain);
        CodecException e = decodeFails(frame);
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.code());
        assertTrue(e.getMessage().contains("CodecSettings.maxDepth"), e.getMessage());
        assertNotNull(e.header());
        assertEquals(chain, permissive.decodeCall(frame, Catalog.class).arguments()[0]);

        Node deep = chain;
        CodecException refused = assertThrows(CodecException.class,
                () -> harness.encodeCall(Catalog.class, "tree", deep));
        assertEquals(ErrorCode.INVALID_DATA, refused.code(), "the writer refuses what readers would reject");
    }

    @Test
    void deeplyNestedUnknownFieldCannotExhaustTheStack() throws Exception {
        byte[] nested = new byte[200_000];
        Arrays.fill(nested, (byte) 0x19); // a list of one element that is a list, and so on
        byte[] frame = frame("Catalog#o:log", out -> out.writeFieldBegin(new TField("x", TType.LIST, (short) 9)),
                nested);
        CodecException e = decodeFails(frame);
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.code());
        assertTrue(e.getMessage().contains("CodecSettings.maxDepth"), e.getMessage());
    }

    @Test
    void framesInAnUnknownProtocolAreRejectedNamingTheExpectedBytes() {
        for (int first : new int[] {0x00, 0x42, 0xFF, 0x81}) {
            CodecException e = decodeFails(new byte[] {(byte) first, 1, 2, 3, 4, 5});
            assertEquals(ErrorCode.PROTOCOL_ERROR, e.code());
            assertNull(e.header());
            assertTrue(e.getMessage().contains("0x82"), e.getMessage());
        }
    }

    @Test
    void randomGarbageAlwaysFailsAsACodecException() {
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            byte[] garbage = new byte[1 + random.nextInt(64)];
            random.nextBytes(garbage);
            garbage[0] = (byte) (i % 2 == 0 ? 0x82 : 0x80);
            if (garbage.length > 1 && i % 4 < 2) {
                garbage[1] = (byte) (i % 2 == 0 ? 0x21 : 0x01); // a valid version, so the reading goes further
            }
            decodeFails(garbage);
        }
    }

    @Test
    void corruptedValidFramesEitherDecodeOrFailAsCodecExceptions() {
        byte[] valid = harness.encodeCall(Catalog.class, "echo", ValueRoundTripTest.full());
        Random random = new Random(11);
        int failures = 0;
        for (int i = 0; i < 5000; i++) {
            byte[] frame = valid.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
            }
            try {
                harness.decodeCall(frame, Catalog.class);
            } catch (CodecException e) {
                failures++;
            } catch (RuntimeException | Error e) {
                fail("corrupted frame " + i + " escaped as " + e, e);
            }
        }
        assertTrue(failures > 0, "the corruption must have broken some frames");
    }

    @Test
    void replyGivenToTheServerIsTheWrongMessageType() {
        var call = harness.callThrough(Catalog.class, "count", 1, 2);
        byte[] reply = CodecHarness.bytes(harness.codec.encodeResult(call, 3));
        CodecException e = decodeFails(reply);
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.code());
        assertEquals(MessageType.REPLY, e.header().type());

        byte[] request = harness.encodeCall(Catalog.class, "count", 1, 2);
        CodecException asReply = assertThrows(CodecException.class, () -> harness.codec.decodeReply(
                ByteBuffer.wrap(request), seq -> CodecHarness.method(Catalog.class, "count")));
        assertEquals(ErrorCode.PROTOCOL_ERROR, asReply.code());
        assertEquals(MessageType.CALL, asReply.header().type());
    }

    @Test
    void unknownMessageTypeIsAProtocolError() {
        byte[] frame = harness.encodeCall(Catalog.class, "reset");
        frame[1] = (byte) ((7 << 5) | 1);
        CodecException e = decodeFails(frame);
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.code());
        assertTrue(e.getMessage().contains("message type 7"), e.getMessage());
    }

    @Test
    void negativeLengthInBinaryProtocolIsAProtocolError() throws Exception {
        TMemoryBuffer buffer = new TMemoryBuffer(64);
        TBinaryProtocol out = new TBinaryProtocol(buffer);
        out.writeMessageBegin(new TMessage("Catalog#o:log", TMessageType.CALL, 1));
        out.writeStructBegin(new TStruct(""));
        out.writeFieldBegin(new TField("line", TType.STRING, (short) 1));
        out.writeI32(-5);
        CodecException e = decodeFails(Arrays.copyOf(buffer.getArray(), buffer.length()));
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.code());
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
    }

    @Test
    void overlongVarintIsAProtocolError() {
        byte[] frame = {(byte) 0x82, 0x21, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF, 0x01, 0, 0};
        CodecException e = decodeFails(frame);
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.code());
        assertTrue(e.getMessage().contains("varint"), e.getMessage());
    }

    @Test
    void fieldWithTheRightIdButAnotherThriftTypeIsSkipped() throws Exception {
        byte[] frame = frame("Catalog#o:count", out -> {
            out.writeFieldBegin(new TField("a", TType.STRING, (short) 1));
            out.writeString("not an int");
            out.writeFieldBegin(new TField("b", TType.I32, (short) 5));
            out.writeI32(9);
        });
        var call = harness.decodeCall(frame, Catalog.class);
        assertEquals(0, call.arguments()[0]);
        assertEquals(9, call.arguments()[1]);
    }

    @Test
    void listWhoseElementsHaveAnotherThriftTypeIsAProtocolError() throws Exception {
        byte[] frame = frame("Catalog#o:index", out -> {
            out.writeFieldBegin(new TField("forest", TType.LIST, (short) 1));
            out.writeListBegin(new org.apache.thrift.protocol.TList(TType.I32, 2));
            out.writeI32(1);
            out.writeI32(2);
        });
        CodecException e = decodeFails(frame);
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.code());
        assertTrue(e.getMessage().contains("list of i32"), e.getMessage());
    }

    @Test
    void wellFormedValuesThatDoNotFitTheJavaTypeAreInvalidData() throws Exception {
        // Everything.c (a char, field 15) sent as a two-character string.
        byte[] frame = frame("Catalog#o:echo", out -> {
            out.writeFieldBegin(new TField("value", TType.STRUCT, (short) 1));
            out.writeStructBegin(new TStruct(""));
            out.writeFieldBegin(new TField("c", TType.STRING, (short) 15));
            out.writeString("ab");
        });
        CodecException e = decodeFails(frame);
        assertEquals(ErrorCode.INVALID_DATA, e.code());
        assertTrue(e.getMessage().contains("parameter value.c"), e.getMessage());

        byte[] uuid = frame("Catalog#o:echo", out -> {
            out.writeFieldBegin(new TField("value", TType.STRUCT, (short) 1));
            out.writeStructBegin(new TStruct(""));
            out.writeFieldBegin(new TField("uuid", TType.STRING, (short) 22));
            out.writeString("not-a-uuid");
            out.writeFieldStop();
            out.writeStructEnd();
        });
        assertEquals(ErrorCode.INVALID_DATA, decodeFails(uuid).code());
    }

    private CodecException decodeFails(byte[] frame) {
        try {
            harness.decodeCall(frame, Catalog.class);
        } catch (CodecException e) {
            return e;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("escaped as " + e + " for frame " + Arrays.toString(
                    Arrays.copyOf(frame, Math.min(frame.length, 40))), e);
        }
        throw new AssertionError("decoded a broken frame: " + Arrays.toString(frame));
    }

    @FunctionalInterface
    interface Body {
        void write(TProtocol out) throws TException;
    }

    /**
     * A compact call named {@code name}: libthrift writes the header, opens the args struct and lets {@code body}
     * write into it; {@code raw} bytes follow as they are, then the stop bytes closing the struct.
     */
    private static byte[] frame(String name, Body body, byte[]... raw) throws Exception {
        TMemoryBuffer buffer = new TMemoryBuffer(64);
        TCompactProtocol out = new TCompactProtocol(buffer);
        out.writeMessageBegin(new TMessage(name, TMessageType.CALL, 42));
        out.writeStructBegin(new TStruct(""));
        body.write(out);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(buffer.getArray(), 0, buffer.length());
        for (byte[] part : raw) {
            bytes.write(part);
        }
        bytes.write(new byte[] {0, 0});
        return bytes.toByteArray();
    }

    private static byte[] varint(int value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = value & 0xFFFFFFFFL;
        while ((n & ~0x7FL) != 0) {
            out.write((int) ((n & 0x7F) | 0x80));
            n >>>= 7;
        }
        out.write((int) n);
        return out.toByteArray();
    }
}
