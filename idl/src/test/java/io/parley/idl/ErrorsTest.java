package io.parley.idl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Completion;
import io.parley.DeadlineExceededException;
import io.parley.ErrorCode;
import io.parley.MethodNotFoundException;
import io.parley.ObjectNotFoundException;
import io.parley.OrbException;
import io.parley.RemoteFailureException;
import io.parley.UnavailableException;
import io.parley.idl.TestModel.AccountLocked;
import io.parley.idl.TestModel.Catalog;
import io.parley.idl.TestModel.InsufficientFunds;
import io.parley.idl.TestModel.Node;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.codec.CodecException;
import io.parley.spi.codec.DecodedReply;
import io.parley.spi.codec.InboundCall;
import io.parley.spi.codec.MessageHeader;
import io.parley.spi.codec.MessageType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.transport.TMemoryBuffer;
import org.apache.thrift.transport.TMemoryInputTransport;
import org.junit.jupiter.api.Test;

/** Declared exceptions, Parley errors and plain Thrift errors, in both directions. */
class ErrorsTest {
    private final CodecHarness harness = new CodecHarness();
    private final MethodDescriptor withdraw = CodecHarness.method(Catalog.class, "withdraw");

    @Test
    void declaredExceptionsArriveAsThemselvesWithTheirMessage() {
        InboundCall call = harness.callThrough(Catalog.class, "withdraw", 100L);
        for (Exception thrown : List.of(new InsufficientFunds("balance is 5"), new AccountLocked("frozen"))) {
            ByteBuffer reply = harness.codec.encodeDeclaredException(call, withdraw.declared(thrown), thrown);
            DecodedReply decoded = harness.codec.decodeReply(reply, seq -> withdraw);
            assertSame(thrown.getClass(), decoded.failure().getClass());
            assertEquals(thrown.getMessage(), decoded.failure().getMessage());
            assertNull(decoded.value());
        }
    }

    @Test
    void declaredExceptionWithoutMessageArrivesWithNullMessage() {
        InboundCall call = harness.callThrough(Catalog.class, "withdraw", 1L);
        AccountLocked thrown = new AccountLocked(null);
        DecodedReply decoded = harness.codec.decodeReply(
                harness.codec.encodeDeclaredException(call, withdraw.declared(thrown), thrown), seq -> withdraw);
        assertInstanceOf(AccountLocked.class, decoded.failure());
        assertNull(decoded.failure().getMessage());
    }

    @Test
    void eachParleyErrorComesBackAsItsOwnExceptionWithCodeAndCompletion() {
        List<OrbException> errors = List.of(
                new ObjectNotFoundException(Completion.NO, "no object obj-1"),
                new MethodNotFoundException(Completion.NO, "no method frob"),
                new DeadlineExceededException(Completion.MAYBE, "deadline passed"),
                new UnavailableException(Completion.NO, "shutting down"),
                new OrbException(ErrorCode.UNAUTHORIZED, Completion.NO, "who are you"),
                new OrbException(ErrorCode.RESOURCE_EXHAUSTED, Completion.NO, "too many calls"),
                new OrbException(ErrorCode.INVALID_DATA, Completion.YES, "null element"),
                new OrbException(ErrorCode.PROTOCOL_ERROR, Completion.NO, "garbled"),
                new OrbException(ErrorCode.INTERNAL, Completion.MAYBE, "bug"));
        for (OrbException error : errors) {
            OrbException received = errorThrough(error);
            assertSame(error.getClass(), received.getClass(), error.toString());
            assertEquals(error.code(), received.code());
            assertEquals(error.completion(), received.completion());
            assertEquals(error.getMessage(), received.getMessage());
        }
    }

    @Test
    void remoteFailureKeepsClassNameMessageAndTheServersWording() {
        RemoteFailureException error = new RemoteFailureException("java.lang.IllegalStateException", "broken",
                "bank/accounts.withdraw");
        RemoteFailureException received = (RemoteFailureException) errorThrough(error);
        assertEquals("java.lang.IllegalStateException", received.remoteClassName());
        assertEquals("broken", received.remoteMessage());
        assertEquals(error.getMessage(), received.getMessage());
        assertEquals(Completion.YES, received.completion());

        RemoteFailureException silent = (RemoteFailureException) errorThrough(
                new RemoteFailureException("java.lang.NullPointerException", null, "x.y"));
        assertEquals("java.lang.NullPointerException", silent.remoteClassName());
        assertNull(silent.remoteMessage());
    }

    @Test
    void standardThriftClientsSeeTheMappedApplicationExceptionType() throws Exception {
        Map<ErrorCode, Integer> expected = new HashMap<>();
        for (ErrorCode code : ErrorCode.values()) {
            expected.put(code, TApplicationException.INTERNAL_ERROR);
        }
        expected.put(ErrorCode.OBJECT_NOT_FOUND, TApplicationException.UNKNOWN_METHOD);
        expected.put(ErrorCode.METHOD_NOT_FOUND, TApplicationException.UNKNOWN_METHOD);
        expected.put(ErrorCode.PROTOCOL_ERROR, TApplicationException.PROTOCOL_ERROR);
        expected.put(ErrorCode.INVALID_DATA, TApplicationException.PROTOCOL_ERROR);
        MessageHeader request = new MessageHeader("Catalog#obj-1:withdraw", MessageType.CALL, 9, ThriftCodec.COMPACT);
        for (ErrorCode code : ErrorCode.values()) {
            byte[] frame = CodecHarness.bytes(harness.codec.encodeError(request,
                    new OrbException(code, Completion.NO, "failed with " + code)));
            TCompactProtocol in = new TCompactProtocol(new TMemoryInputTransport(frame));
            TMessage message = in.readMessageBegin();
            assertEquals(TMessageType.EXCEPTION, message.type);
            assertEquals("withdraw", message.name, "errors carry the bare method name");
            assertEquals(9, message.seqid);
            TApplicationException seen = TApplicationException.readFrom(in);
            assertEquals(expected.get(code), seen.getType(), code.name());
            assertEquals("failed with " + code, seen.getMessage());
        }
    }

    @Test
    void plainThriftServerErrorsMapToParleyExceptions() throws Exception {
        OrbException unknown = plainThriftError(TApplicationException.UNKNOWN_METHOD, "Invalid method name");
        assertInstanceOf(MethodNotFoundException.class, unknown);
        assertEquals(Completion.NO, unknown.completion());
        assertTrue(unknown.getMessage().contains("Invalid method name"), unknown.getMessage());

        OrbException protocol = plainThriftError(TApplicationException.PROTOCOL_ERROR, "bad args");
        assertEquals(ErrorCode.PROTOCOL_ERROR, protocol.code());
        assertSame(OrbException.class, protocol.getClass());

        OrbException internal = plainThriftError(TApplicationException.INTERNAL_ERROR, "boom");
        assertEquals(ErrorCode.INTERNAL, internal.code());
        assertEquals(Completion.MAYBE, internal.completion());
        assertEquals(ErrorCode.INTERNAL, plainThriftError(TApplicationException.MISSING_RESULT, null).code());
    }

    @Test
    void errorReplyFollowsTheProtocolOfTheRequest() {
        MessageHeader binaryRequest = new MessageHeader("Catalog#o:withdraw", MessageType.CALL, 3, ThriftCodec.BINARY);
        ByteBuffer frame = harness.codec.encodeError(binaryRequest, new UnavailableException(Completion.NO, "x"));
        assertEquals((byte) 0x80, frame.get(frame.position()));
        DecodedReply reply = harness.codec.decodeReply(frame, seq -> withdraw);
        assertInstanceOf(UnavailableException.class, reply.failure());
    }

    @Test
    void unresolvableTargetsFailWithTheHeaderSoTheCallerGetsAnAnswer() {
        byte[] frame = harness.encodeCall(Catalog.class, "reset");
        CodecException noObject = assertThrows(CodecException.class, () -> harness.codec.decodeCall(
                ByteBuffer.wrap(frame), (service, object, method) -> {
                    throw new ObjectNotFoundException(Completion.NO, "no object " + object);
                }));
        assertEquals(ErrorCode.OBJECT_NOT_FOUND, noObject.code());
        assertEquals(42, noObject.header().sequenceId());

        CodecException noMethod = assertThrows(CodecException.class, () -> harness.codec.decodeCall(
                ByteBuffer.wrap(frame), (service, object, method) -> null));
        assertEquals(ErrorCode.METHOD_NOT_FOUND, noMethod.code());
        assertNotNull(noMethod.header());
    }

    @Test
    void callNamesWithoutObjectOrMethodAreRejectedSayingWhatWasExpected() throws Exception {
        Map<String, ErrorCode> names = Map.of(
                "reset", ErrorCode.METHOD_NOT_FOUND,
                "Catalog#obj:", ErrorCode.METHOD_NOT_FOUND,
                "Catalog:reset", ErrorCode.OBJECT_NOT_FOUND,
                "#obj:reset", ErrorCode.OBJECT_NOT_FOUND,
                "Catalog#:reset", ErrorCode.OBJECT_NOT_FOUND);
        for (Map.Entry<String, ErrorCode> entry : names.entrySet()) {
            TMemoryBuffer buffer = new TMemoryBuffer(64);
            TCompactProtocol out = new TCompactProtocol(buffer);
            out.writeMessageBegin(new TMessage(entry.getKey(), TMessageType.CALL, 5));
            out.writeStructBegin(new org.apache.thrift.protocol.TStruct(""));
            out.writeFieldStop();
            out.writeStructEnd();
            CodecException e = assertThrows(CodecException.class,
                    () -> harness.decodeCall(Arrays.copyOf(buffer.getArray(), buffer.length()), Catalog.class));
            assertEquals(entry.getValue(), e.code(), entry.getKey());
            assertEquals(entry.getKey(), e.header().name());
            assertTrue(e.getMessage().contains("Service#objectId:method"), e.getMessage());
        }
    }

    @Test
    void nullElementCannotBeEncodedAndTheErrorNamesMethodAndField() {
        List<Node> children = new ArrayList<>();
        children.add(null);
        CodecException e = assertThrows(CodecException.class,
                () -> harness.encodeCall(Catalog.class, "tree", new Node("root", children)));
        assertEquals(ErrorCode.INVALID_DATA, e.code());
        assertTrue(e.getMessage().contains("Catalog.tree"), e.getMessage());
        assertTrue(e.getMessage().contains("parameter root.children"), e.getMessage());
        assertTrue(e.getMessage().contains("null element"), e.getMessage());

        Map<String, List<Integer>> index = new HashMap<>();
        index.put("k", null);
        InboundCall call = harness.callThrough(Catalog.class, "index", List.of(), null);
        CodecException result = assertThrows(CodecException.class, () -> harness.codec.encodeResult(call, index));
        assertEquals(ErrorCode.INVALID_DATA, result.code());
        assertTrue(result.getMessage().contains("null value in a map"), result.getMessage());
        assertSame(call.header(), result.header());

        // The thread's encoder is usable again after the failure.
        assertEquals(7, harness.callThrough(Catalog.class, "count", 7, 1).arguments()[0]);
    }

    private OrbException errorThrough(OrbException error) {
        MessageHeader request = new MessageHeader("Catalog#obj-1:withdraw", MessageType.CALL, 11,
                ThriftCodec.COMPACT);
        DecodedReply reply = harness.codec.decodeReply(harness.codec.encodeError(request, error), seq -> withdraw);
        assertEquals(11, reply.sequenceId());
        return (OrbException) reply.failure();
    }

    /** What a stock Thrift server writes for a failure, read by Parley's client side. */
    private OrbException plainThriftError(int type, String message) throws Exception {
        TMemoryBuffer buffer = new TMemoryBuffer(64);
        TCompactProtocol out = new TCompactProtocol(buffer);
        out.writeMessageBegin(new TMessage("withdraw", TMessageType.EXCEPTION, 4));
        new TApplicationException(type, message).write(out);
        out.writeMessageEnd();
        DecodedReply reply = harness.codec.decodeReply(
                ByteBuffer.wrap(Arrays.copyOf(buffer.getArray(), buffer.length())), seq -> withdraw);
        return (OrbException) reply.failure();
    }
}
