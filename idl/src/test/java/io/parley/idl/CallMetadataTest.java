package io.parley.idl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.idl.TestModel.Catalog;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.codec.CodecException;
import io.parley.spi.codec.InboundCall;
import io.parley.spi.codec.OutboundCall;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TProtocolUtil;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryInputTransport;
import org.junit.jupiter.api.Test;

/** Call metadata in args field 32767: read by Parley, skipped by standard Thrift readers. */
class CallMetadataTest {
    private final CodecHarness harness = new CodecHarness();

    private static OutboundCall callWith(long timeoutMicros, Map<String, Object> metadata) {
        MethodDescriptor count = CodecHarness.method(Catalog.class, "count");
        return new OutboundCall(42, "Catalog", CodecHarness.OBJECT_ID, count, new Object[] {7, -3}, timeoutMicros,
                metadata);
    }

    private static Map<String, Object> sample() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("tenant", "acme");
        metadata.put("trace", new byte[] {1, 2, (byte) 0xff});
        metadata.put("user", "zoë");
        return metadata;
    }

    @Test
    void stringAndBinaryMetadataArriveWithTheirTypes() {
        byte[] frame = CodecHarness.bytes(harness.codec.encodeCall(callWith(2_000, sample())));
        InboundCall call = harness.decodeCall(frame, Catalog.class);
        assertEquals(2_000, call.timeoutMicros());
        assertEquals(3, call.metadata().size());
        assertEquals("acme", call.metadata().get("tenant"));
        assertEquals("zoë", call.metadata().get("user"));
        assertArrayEquals(new byte[] {1, 2, (byte) 0xff}, (byte[]) call.metadata().get("trace"));
        assertEquals(7, call.arguments()[0]);
        assertEquals(-3, call.arguments()[1]);
    }

    @Test
    void metadataTravelsWithoutADeadline() {
        byte[] frame = CodecHarness.bytes(harness.codec.encodeCall(callWith(0, Map.of("k", "v"))));
        InboundCall call = harness.decodeCall(frame, Catalog.class);
        assertEquals(0, call.timeoutMicros());
        assertEquals(Map.of("k", "v"), call.metadata());
    }

    @Test
    void noMetadataWritesNoMapsAndReadsAsTheSharedEmptyMap() {
        byte[] withTimeoutOnly = CodecHarness.bytes(harness.codec.encodeCall(callWith(2_000, Map.of())));
        byte[] oldStyle = CodecHarness.bytes(harness.codec.encodeCall(
                CodecHarness.call(Catalog.class, "count", 2_000, 7, -3)));
        assertArrayEquals(oldStyle, withTimeoutOnly, "an empty metadata map changes nothing on the wire");
        assertSame(Map.of(), harness.decodeCall(withTimeoutOnly, Catalog.class).metadata());
    }

    @Test
    void standardReaderSkipsTheMetadataAndReadsTheArguments() throws Exception {
        byte[] frame = CodecHarness.bytes(harness.codec.encodeCall(callWith(2_000, sample())));
        TCompactProtocol in = new TCompactProtocol(new TMemoryInputTransport(frame));
        TMessage message = in.readMessageBegin();
        assertEquals("Catalog#obj-1:count", message.name);
        in.readStructBegin();
        // A generated args reader: known fields are read, unknown ones skipped.
        int a = 0;
        int b = 0;
        int skipped = 0;
        TField field;
        while ((field = in.readFieldBegin()).type != TType.STOP) {
            if (field.id == 1) {
                a = in.readI32();
            } else if (field.id == 5) {
                b = in.readI32();
            } else {
                assertEquals(32767, field.id);
                TProtocolUtil.skip(in, field.type);
                skipped++;
            }
            in.readFieldEnd();
        }
        in.readStructEnd();
        in.readMessageEnd();
        assertEquals(7, a);
        assertEquals(-3, b);
        assertEquals(1, skipped);
    }

    @Test
    void standardReaderSeesTheDocumentedLayout() throws Exception {
        byte[] frame = CodecHarness.bytes(harness.codec.encodeCall(callWith(0, Map.of("k", "v"))));
        TCompactProtocol in = new TCompactProtocol(new TMemoryInputTransport(frame));
        in.readMessageBegin();
        in.readStructBegin();
        in.readFieldBegin();
        in.readI32();
        in.readFieldBegin();
        in.readI32();
        TField metadata = in.readFieldBegin();
        assertEquals(32767, metadata.id);
        in.readStructBegin();
        TField strings = in.readFieldBegin();
        assertEquals(2, strings.id);
        assertEquals(TType.MAP, strings.type);
        var map = in.readMapBegin();
        assertEquals(1, map.size);
        assertEquals("k", in.readString());
        assertEquals("v", in.readString());
        in.readMapEnd();
        in.readFieldEnd();
        assertEquals(TType.STOP, in.readFieldBegin().type, "no binary map when there are no binary values");
    }

    @Test
    void metadataOfAnotherTypeIsRefusedBeforeSending() {
        OutboundCall call = callWith(0, Map.of("n", 42));
        CodecException e = assertThrows(CodecException.class, () -> harness.codec.encodeCall(call));
        assertTrue(e.getMessage().contains("String or byte[]"), e.getMessage());
    }

    @Test
    void oversizedMetadataValueFailsTheCallOnly() {
        CodecHarness strict = new CodecHarness(new io.parley.spi.codec.CodecSettings(24, 100, 64));
        byte[] frame = CodecHarness.bytes(strict.codec.encodeCall(callWith(0, Map.of("k", "a value longer than the limit of 24 bytes"))));
        CodecException e = assertThrows(CodecException.class, () -> strict.decodeCall(frame, Catalog.class));
        assertTrue(e.header() != null, "the header was read: the call is answered, the connection kept");
        assertTrue(e.getMessage().contains("maxStringBytes"), e.getMessage());
    }

    @Test
    void decodingACallWithoutMetadataAllocatesNoMetadataMap() {
        byte[] frame = CodecHarness.bytes(harness.codec.encodeCall(callWith(2_000, Map.of())));
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        var resolver = CodecHarness.resolverOf(Catalog.class);
        for (int i = 0; i < 20_000; i++) {
            harness.codec.decodeCall(buffer.duplicate(), resolver);
        }
        long withoutMetadata = CodecHarness.allocatedDuring(() -> {
            for (int i = 0; i < 10_000; i++) {
                harness.codec.decodeCall(buffer.duplicate(), resolver);
            }
        });
        byte[] withMetadata = CodecHarness.bytes(harness.codec.encodeCall(callWith(2_000, Map.of("k", "v"))));
        ByteBuffer other = ByteBuffer.wrap(withMetadata);
        for (int i = 0; i < 20_000; i++) {
            harness.codec.decodeCall(other.duplicate(), resolver);
        }
        long withOne = CodecHarness.allocatedDuring(() -> {
            for (int i = 0; i < 10_000; i++) {
                harness.codec.decodeCall(other.duplicate(), resolver);
            }
        });
        // A map and two strings per call cost well over 64 bytes; their absence shows the empty path allocates none.
        assertTrue(withOne - withoutMetadata > 10_000 * 64L,
                "without " + withoutMetadata + " B, with one entry " + withOne + " B over 10,000 decodes");
    }
}
