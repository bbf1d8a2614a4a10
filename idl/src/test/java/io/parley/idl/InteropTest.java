package io.parley.idl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.idl.TestModel.Catalog;
import io.parley.idl.TestModel.Money;
import io.parley.spi.codec.InboundCall;
import io.parley.spi.codec.MessageType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TMultiplexedProtocol;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryBuffer;
import org.apache.thrift.transport.TMemoryInputTransport;
import org.junit.jupiter.api.Test;

/** What standard Thrift (libthrift's own protocols) sees of Parley's messages, and the other way round. */
class InteropTest {
    private final CodecHarness harness = new CodecHarness();

    @Test
    void standardReaderSeesAMultiplexedCallWithTheParameterFields() throws Exception {
        byte[] frame = CodecHarness.bytes(harness.codec.encodeCall(
                CodecHarness.call(Catalog.class, "count", 0, 7, -3)));
        TCompactProtocol in = new TCompactProtocol(new TMemoryInputTransport(frame));
        TMessage message = in.readMessageBegin();
        assertEquals("Catalog#obj-1:count", message.name);
        assertEquals(TMessageType.CALL, message.type);
        assertEquals(42, message.seqid);
        in.readStructBegin();
        TField a = in.readFieldBegin();
        assertEquals(1, a.id);
        assertEquals(TType.I32, a.type);
        assertEquals(7, in.readI32());
        TField b = in.readFieldBegin();
        assertEquals(5, b.id, "@Id(5) pins the field id");
        assertEquals(-3, in.readI32());
        assertEquals(TType.STOP, in.readFieldBegin().type);
    }

    @Test
    void standardReaderSeesRecordsAsStructsWithTheirIds() throws Exception {
        InboundCall call = harness.callThrough(Catalog.class, "withdraw", 5L);
        byte[] reply = CodecHarness.bytes(harness.codec.encodeResult(call, new Money(250, "EUR")));
        TCompactProtocol in = new TCompactProtocol(new TMemoryInputTransport(reply));
        TMessage message = in.readMessageBegin();
        assertEquals("withdraw", message.name);
        assertEquals(TMessageType.REPLY, message.type);
        in.readStructBegin();
        TField success = in.readFieldBegin();
        assertEquals(0, success.id);
        assertEquals(TType.STRUCT, success.type);
        in.readStructBegin();
        TField cents = in.readFieldBegin();
        assertEquals(3, cents.id);
        assertEquals(250L, in.readI64());
        TField currency = in.readFieldBegin();
        assertEquals(1, currency.id);
        assertEquals("EUR", in.readString());
    }

    @Test
    void callWrittenByAStandardMultiplexedClientIsDecoded() throws Exception {
        TMemoryBuffer buffer = new TMemoryBuffer(128);
        TProtocol out = new TMultiplexedProtocol(new TCompactProtocol(buffer), "Catalog#acct-7");
        out.writeMessageBegin(new TMessage("count", TMessageType.CALL, 77));
        out.writeStructBegin(new TStruct("count_args"));
        out.writeFieldBegin(new TField("a", TType.I32, (short) 1));
        out.writeI32(40);
        out.writeFieldEnd();
        out.writeFieldBegin(new TField("b", TType.I32, (short) 5));
        out.writeI32(2);
        out.writeFieldEnd();
        out.writeFieldStop();
        out.writeStructEnd();
        out.writeMessageEnd();

        InboundCall call = harness.decodeCall(Arrays.copyOf(buffer.getArray(), buffer.length()), Catalog.class);
        assertEquals("Catalog", call.service());
        assertEquals("acct-7", call.objectId());
        assertEquals("count", call.method().name());
        assertEquals(77, call.header().sequenceId());
        assertEquals(40, call.arguments()[0]);
        assertEquals(2, call.arguments()[1]);
        assertEquals(0, call.timeoutMicros(), "standard clients send no deadline");
        assertEquals(ThriftCodec.COMPACT, call.header().protocol());
    }

    @Test
    void binaryProtocolCallIsAcceptedAndAnsweredInBinary() throws Exception {
        TMemoryBuffer buffer = new TMemoryBuffer(128);
        TProtocol out = new TMultiplexedProtocol(new TBinaryProtocol(buffer), "Catalog#obj-1");
        out.writeMessageBegin(new TMessage("add", TMessageType.CALL, 5));
        out.writeStructBegin(new TStruct("add_args"));
        out.writeFieldBegin(new TField("a", TType.I64, (short) 1));
        out.writeI64(Long.MAX_VALUE);
        out.writeFieldEnd();
        out.writeFieldBegin(new TField("b", TType.I64, (short) 2));
        out.writeI64(-1);
        out.writeFieldEnd();
        out.writeFieldStop();
        out.writeStructEnd();

        InboundCall call = harness.decodeCall(Arrays.copyOf(buffer.getArray(), buffer.length()), Catalog.class);
        assertEquals(ThriftCodec.BINARY, call.header().protocol());
        assertEquals(Long.MAX_VALUE, call.arguments()[0]);
        assertEquals(-1L, call.arguments()[1]);

        byte[] reply = CodecHarness.bytes(harness.codec.encodeResult(call, Long.MAX_VALUE - 1));
        assertEquals((byte) 0x80, reply[0]);
        TBinaryProtocol in = new TBinaryProtocol(new TMemoryInputTransport(reply));
        TMessage message = in.readMessageBegin();
        assertEquals("add", message.name);
        assertEquals(TMessageType.REPLY, message.type);
        assertEquals(5, message.seqid);
        in.readStructBegin();
        TField success = in.readFieldBegin();
        assertEquals(0, success.id);
        assertEquals(Long.MAX_VALUE - 1, in.readI64());
        // And Parley's own client reads the binary reply too.
        assertEquals(Long.MAX_VALUE - 1, harness.replyThrough(call, Long.MAX_VALUE - 1, Catalog.class).value());
    }

    @Test
    void deadlineTravelsInAFieldStandardReadersSkip() throws Exception {
        byte[] frame = CodecHarness.bytes(harness.codec.encodeCall(
                CodecHarness.call(Catalog.class, "count", 1_500_000, 1, 2)));
        InboundCall call = harness.decodeCall(frame, Catalog.class);
        assertEquals(1_500_000, call.timeoutMicros());
        assertEquals(1, call.arguments()[0]);

        TCompactProtocol in = new TCompactProtocol(new TMemoryInputTransport(frame));
        in.readMessageBegin();
        in.readStructBegin();
        in.readFieldBegin();
        in.readI32();
        in.readFieldBegin();
        in.readI32();
        TField metadata = in.readFieldBegin();
        assertEquals(32767, metadata.id);
        assertEquals(TType.STRUCT, metadata.type);
        // A generated struct reader skips unknown fields this way.
        org.apache.thrift.protocol.TProtocolUtil.skip(in, metadata.type);
        assertEquals(TType.STOP, in.readFieldBegin().type);
    }

    @Test
    void callWithoutDeadlineCarriesNoMetadataField() {
        byte[] withDeadline = CodecHarness.bytes(harness.codec.encodeCall(
                CodecHarness.call(Catalog.class, "reset", 10)));
        byte[] without = CodecHarness.bytes(harness.codec.encodeCall(CodecHarness.call(Catalog.class, "reset", 0)));
        assertTrue(without.length < withDeadline.length);
        assertEquals(0, harness.decodeCall(without, Catalog.class).timeoutMicros());
        assertEquals(10, harness.decodeCall(withDeadline, Catalog.class).timeoutMicros());
    }

    @Test
    void onewayCallsUseTheOnewayMessageType() throws Exception {
        byte[] frame = harness.encodeCall(Catalog.class, "log", "hello");
        TMessage message = new TCompactProtocol(new TMemoryInputTransport(frame)).readMessageBegin();
        assertEquals(TMessageType.ONEWAY, message.type);
        InboundCall call = harness.decodeCall(frame, Catalog.class);
        assertTrue(call.isOneway());
        assertEquals(MessageType.ONEWAY, call.header().type());
        assertEquals("hello", call.arguments()[0]);
        assertFalse(harness.callThrough(Catalog.class, "reset").isOneway());
    }

    @Test
    void lateReplyWithoutPendingCallIsReturnedUnread() {
        InboundCall call = harness.callThrough(Catalog.class, "count", 1, 1);
        ByteBuffer reply = harness.codec.encodeResult(call, 2);
        var decoded = harness.codec.decodeReply(reply, seq -> null);
        assertEquals(42, decoded.sequenceId());
        assertNull(decoded.value());
        assertNull(decoded.failure());
    }

    @Test
    void encodeBufferIsReusedPerThreadAndShrinksAfterAHugeMessage() {
        ByteBuffer first = harness.codec.encodeCall(CodecHarness.call(Catalog.class, "log", 0, "a"));
        byte[] backing = first.array();
        ByteBuffer second = harness.codec.encodeCall(CodecHarness.call(Catalog.class, "log", 0, "b"));
        assertTrue(backing == second.array(), "small messages reuse the thread's buffer");

        ByteBuffer huge = harness.codec.encodeCall(CodecHarness.call(Catalog.class, "log", 0, "x".repeat(3 << 20)));
        assertTrue(huge.array().length > 3 << 20);
        ByteBuffer after = harness.codec.encodeCall(CodecHarness.call(Catalog.class, "log", 0, "c"));
        assertTrue(after.array().length <= 1 << 20, "the buffer shrinks back after a huge message");
        assertEquals("c", harness.decodeCall(CodecHarness.bytes(after), Catalog.class).arguments()[0]);
    }
}
