package io.parley.idl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parley.ErrorCode;
import io.parley.MethodNotFoundException;
import io.parley.idl.TestModel.Catalog;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.codec.CodecException;
import io.parley.spi.codec.DecodedReply;
import io.parley.spi.codec.OutboundCall;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.thrift.TApplicationException;
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
import org.apache.thrift.transport.TMemoryInputTransport;
import org.junit.jupiter.api.Test;

/**
 * Calls to plain Thrift servers: written with the message name and protocol the {@link OutboundCall} asks for, as a
 * standard Thrift reader sees them, and their replies (bare method names, no Parley error fields) read back.
 */
class PlainServerCallTest {
    private final CodecHarness harness = new CodecHarness();
    private final MethodDescriptor count = CodecHarness.method(Catalog.class, "count");

    private OutboundCall call(MethodDescriptor method, Object[] args, String messageName, String protocol) {
        return new OutboundCall(42, "Catalog", "", method, args, 1_000, Map.of("tenant", "acme"), messageName,
                protocol);
    }

    @Test
    void multiplexedNameIsWrittenVerbatimInCompactByDefault() throws TException {
        byte[] frame = CodecHarness.bytes(harness.codec.encodeCall(call(count, new Object[] {7, -3}, "Store:count",
                null)));
        TProtocol in = new TCompactProtocol(new TMemoryInputTransport(frame));
        TMessage message = in.readMessageBegin();
        assertEquals("Store:count", message.name);
        assertEquals(TMessageType.CALL, message.type);
        assertEquals(42, message.seqid);
        in.readStructBegin();
        TField first = in.readFieldBegin();
        assertEquals(1, first.id);
        assertEquals(7, in.readI32());
    }

    @Test
    void bareNameInBinaryProtocol() throws TException {
        MethodDescriptor log = CodecHarness.method(Catalog.class, "log");
        byte[] frame = CodecHarness.bytes(harness.codec.encodeCall(call(log, new Object[] {"hello"}, "log",
                ThriftCodec.BINARY_NAME)));
        assertEquals((byte) 0x80, frame[0], "strict binary starts with its version");
        TProtocol in = new TBinaryProtocol(new TMemoryInputTransport(frame));
        TMessage message = in.readMessageBegin();
        assertEquals("log", message.name);
        assertEquals(TMessageType.ONEWAY, message.type);
        in.readStructBegin();
        assertEquals(TType.STRING, in.readFieldBegin().type);
        assertEquals("hello", in.readString());
    }

    @Test
    void unknownProtocolIsRefusedBeforeAnythingIsSent() {
        CodecException failure = assertThrows(CodecException.class,
                () -> harness.codec.encodeCall(call(count, new Object[] {1, 2}, "count", "json")));
        assertEquals(ErrorCode.INVALID_CONFIGURATION, failure.code());
    }

    @Test
    void replyWithTheBareNameOfAPlainServerIsRead() throws TException {
        TMemoryBuffer buffer = new TMemoryBuffer(64);
        TProtocol out = new TBinaryProtocol(buffer);
        out.writeMessageBegin(new TMessage("count", TMessageType.REPLY, 42));
        out.writeStructBegin(new TStruct("count_result"));
        out.writeFieldBegin(new TField("success", TType.I32, (short) 0));
        out.writeI32(4);
        out.writeFieldEnd();
        out.writeFieldStop();
        out.writeStructEnd();
        out.writeMessageEnd();
        DecodedReply reply = harness.codec.decodeReply(ByteBuffer.wrap(buffer.getArray(), 0, buffer.length()),
                seq -> seq == 42 ? count : null);
        assertNull(reply.failure());
        assertEquals(4, reply.value());
    }

    @Test
    void unknownMethodOfAPlainServerIsMethodNotFound() throws TException {
        TMemoryBuffer buffer = new TMemoryBuffer(64);
        TProtocol out = new TCompactProtocol(buffer);
        out.writeMessageBegin(new TMessage("count", TMessageType.EXCEPTION, 42));
        new TApplicationException(TApplicationException.UNKNOWN_METHOD, "Unknown function count").write(out);
        out.writeMessageEnd();
        DecodedReply reply = harness.codec.decodeReply(ByteBuffer.wrap(buffer.getArray(), 0, buffer.length()),
                seq -> seq == 42 ? count : null);
        assertInstanceOf(MethodNotFoundException.class, reply.failure());
    }
}
