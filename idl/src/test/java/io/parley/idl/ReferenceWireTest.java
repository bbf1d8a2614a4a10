package io.parley.idl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Completion;
import io.parley.Endpoint;
import io.parley.ErrorCode;
import io.parley.OrbException;
import io.parley.Remote;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.codec.CodecException;
import io.parley.spi.codec.InboundCall;
import io.parley.spi.codec.MessageType;
import io.parley.spi.codec.OutboundCall;
import io.parley.spi.codec.References;
import io.parley.spi.codec.WireReference;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryInputTransport;
import org.junit.jupiter.api.Test;

/** A reference on the wire is the IDL struct RemoteRef, so any Thrift reader can keep and pass it. */
class ReferenceWireTest {

    @Remote
    public interface Callback {
        void ping();
    }

    @Remote
    public interface Registry {
        void register(String name, Callback callback);
    }

    private static final Callback SERVANT = () -> { };
    private static final WireReference WIRE = new WireReference("Callback", "~abc", List.of(Endpoint.tcp("h", 7)),
            42L, true);

    /** Writes every object as {@link #WIRE}, and reads {@link #WIRE} as {@link #SERVANT}. */
    private static final References FIXED = new References() {
        @Override
        public WireReference write(Object object, Class<?> iface) {
            assertSame(SERVANT, object);
            assertSame(Callback.class, iface);
            return WIRE;
        }

        @Override
        public Object read(WireReference reference, Class<?> iface) {
            assertEquals(WIRE, reference);
            return SERVANT;
        }
    };

    private final ThriftCodec codec = new ThriftCodec();

    private ByteBuffer encode(References references) {
        MethodDescriptor register = CodecHarness.method(Registry.class, "register");
        return codec.encodeCall(new OutboundCall(7, "Registry", "r", register, new Object[] {"n", SERVANT}, 0,
                Map.of(), null, null, references));
    }

    @Test
    void referenceIsTheRemoteRefStructWithFromSenderAsField5() throws Exception {
        byte[] frame = CodecHarness.bytes(encode(FIXED));
        TCompactProtocol in = new TCompactProtocol(new TMemoryInputTransport(frame));
        in.readMessageBegin();
        in.readStructBegin();
        TField name = in.readFieldBegin();
        assertEquals(1, name.id);
        in.readString();
        in.readFieldEnd();
        TField ref = in.readFieldBegin();
        assertEquals(2, ref.id);
        assertEquals(TType.STRUCT, ref.type);
        in.readStructBegin();
        assertField(in, 1, TType.STRING);
        assertEquals("Callback", in.readString());
        assertField(in, 2, TType.STRING);
        assertEquals("~abc", in.readString());
        assertField(in, 3, TType.LIST);
        TList endpoints = in.readListBegin();
        assertEquals(1, endpoints.size);
        assertEquals(TType.STRUCT, endpoints.elemType);
        in.readStructBegin();
        assertField(in, 1, TType.STRING);
        assertEquals("tcp", in.readString());
        assertField(in, 2, TType.STRING);
        assertEquals("h", in.readString());
        assertField(in, 3, TType.I32);
        assertEquals(7, in.readI32());
        TField more;
        while ((more = in.readFieldBegin()).type != TType.STOP) {
            // Endpoint fields added later are skipped, as any reader would.
            org.apache.thrift.protocol.TProtocolUtil.skip(in, more.type);
        }
        in.readStructEnd();
        in.readListEnd();
        assertField(in, 4, TType.I64);
        assertEquals(42L, in.readI64());
        assertField(in, 5, TType.BOOL);
        assertTrue(in.readBool());
        assertEquals(TType.STOP, in.readFieldBegin().type);
    }

    @Test
    void referenceIsReadThroughTheConnectionsReferences() {
        ByteBuffer frame = encode(FIXED);
        assertEquals(MessageType.CALL, codec.messageType(frame));
        InboundCall call = codec.decodeCall(frame, CodecHarness.resolverOf(Registry.class), FIXED);
        assertSame(SERVANT, call.arguments()[1]);
        assertSame(FIXED, call.references(), "the answer is written with the same references");
    }

    @Test
    void referenceOutsideAConnectionIsRefusedWithInvalidData() {
        CodecException e = assertThrows(CodecException.class, () -> encode(References.NONE));
        assertEquals(ErrorCode.INVALID_DATA, e.code());
        assertTrue(e.getMessage().contains("reference"), e.getMessage());
    }

    @Test
    void refusalKeepsItsCode() {
        References full = new References() {
            @Override
            public WireReference write(Object object, Class<?> iface) {
                throw new OrbException(ErrorCode.RESOURCE_EXHAUSTED, Completion.NO, "limit maxExportsPerPeer=1");
            }

            @Override
            public Object read(WireReference reference, Class<?> iface) {
                throw new AssertionError();
            }
        };
        CodecException e = assertThrows(CodecException.class, () -> encode(full));
        assertEquals(ErrorCode.RESOURCE_EXHAUSTED, e.code());
        assertTrue(e.getMessage().contains("maxExportsPerPeer=1"), e.getMessage());
    }

    private static void assertField(TCompactProtocol in, int id, byte type) throws Exception {
        TField field = in.readFieldBegin();
        assertEquals(id, field.id, "field id");
        assertEquals(type, field.type, "type of field " + id);
    }
}
