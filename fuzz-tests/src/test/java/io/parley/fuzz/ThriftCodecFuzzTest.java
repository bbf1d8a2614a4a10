package io.parley.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.parley.ErrorCode;
import io.parley.OrbException;
import io.parley.idl.ThriftCodec;
import io.parley.spi.ExceptionDescriptor;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.ParameterDescriptor;
import io.parley.spi.ValueType;
import io.parley.spi.codec.CallResolver;
import io.parley.spi.codec.CodecException;
import io.parley.spi.codec.DecodedReply;
import io.parley.spi.codec.InboundCall;
import io.parley.spi.codec.MessageType;
import io.parley.spi.codec.OutboundCall;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link ThriftCodec}, which reads every call a server receives and every reply a client receives, against a
 * real export table of the {@link SampleModel} interfaces, in the compact and strict binary protocols (the first byte
 * of a frame picks the reader).
 *
 * <p>Holds for any bytes:
 * <ul>
 * <li>decoding returns a call (or reply) that fits the method it names, or throws a {@link CodecException} with a
 *     code and a message saying what was wrong; no other exception type, and not the codec's catch-all for failures
 *     it did not foresee (a {@code CodecException} caused by, say, a {@code NullPointerException} is a bug);</li>
 * <li>what decoding allocates is proportional to the frame, never to a length or count the frame declares (Thrift's
 *     classic denial of service: a 10-byte message announcing a 2 GB string or a billion-element list);</li>
 * <li>the frame's buffer kind does not matter: a heap buffer, a heap buffer whose frame starts at an offset, and a
 *     direct buffer give the same outcome.</li>
 * </ul>
 * And for any values of the sample types, in either protocol: what the codec encodes decodes to equal values (calls
 * with their deadline and metadata, results, declared exceptions).
 */
class ThriftCodecFuzzTest {
    private static final ThriftCodec CODEC = new ThriftCodec();
    private static final CallResolver EXPORTS = SampleModel.exportTable();
    private static final Set<ErrorCode> DECODE_CODES = Set.of(ErrorCode.PROTOCOL_ERROR, ErrorCode.INVALID_DATA,
            ErrorCode.OBJECT_NOT_FOUND, ErrorCode.METHOD_NOT_FOUND);
    /** Bytes a decoded value may take per byte of frame: a one-byte empty struct becomes a record with a list. */
    private static final int ALLOCATION_PER_BYTE = 128;

    @FuzzTest(maxDuration = "2m")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void decodeCall(byte[] frame) {
        sameForEveryBufferKind(frame, buffer -> CODEC.decodeCall(buffer, EXPORTS), decoded -> {
            InboundCall call = (InboundCall) decoded;
            checkCall(call);
            return "call " + call.header() + " " + call.service() + "#" + call.objectId() + " "
                    + Arrays.deepToString(call.arguments()) + " timeout=" + call.timeoutMicros() + " metadata="
                    + describe(call.metadata());
        });
    }

    @FuzzTest(maxDuration = "2m")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void decodeReply(byte[] frame) {
        // Every sequence id answers some sample method, except every (n+1)-th, which answers nothing pending.
        int methods = SampleModel.METHODS.size();
        IntFunction<MethodDescriptor> pending = sequenceId -> {
            int index = Math.floorMod(sequenceId, methods + 1);
            return index == methods ? null : SampleModel.METHODS.get(index);
        };
        sameForEveryBufferKind(frame, buffer -> CODEC.decodeReply(buffer, pending), decoded -> {
            DecodedReply reply = (DecodedReply) decoded;
            checkReply(reply, pending.apply(reply.sequenceId()));
            return "reply " + reply.sequenceId() + " " + deepToString(reply.value()) + " " + reply.failure();
        });
    }

    @FuzzTest(maxDuration = "2m")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void roundTrip(FuzzedDataProvider data) {
        ValueGenerator values = new ValueGenerator(data);
        MethodDescriptor method = SampleModel.METHODS.get(data.consumeInt(0, SampleModel.METHODS.size() - 1));
        String protocol = data.consumeBoolean() ? ThriftCodec.BINARY_NAME : ThriftCodec.COMPACT_NAME;
        int sequenceId = data.consumeInt();
        long timeoutMicros = data.consumeBoolean() ? data.consumeLong(1, Long.MAX_VALUE) : 0;
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (int i = data.consumeInt(0, 3); i > 0; i--) {
            metadata.put(values.string(), data.consumeBoolean() ? values.string()
                    : data.consumeBytes(data.consumeInt(0, 32)));
        }
        List<ParameterDescriptor> parameters = method.parameters();
        Object[] arguments = new Object[parameters.size()];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = values.valueOf(parameters.get(i).type().javaType(), true, 0);
        }

        OutboundCall outbound = new OutboundCall(sequenceId, method.owner().serviceName(),
                SampleModel.objectIdOf(method), method, arguments, timeoutMicros, metadata, null, protocol);
        InboundCall call = CODEC.decodeCall(copy(CODEC.encodeCall(outbound)), EXPORTS);
        assertSame(method, call.method());
        assertEquals(outbound.service(), call.service());
        assertEquals(outbound.objectId(), call.objectId());
        assertEquals(sequenceId, call.header().sequenceId());
        assertEquals(method.isOneway() ? MessageType.ONEWAY : MessageType.CALL, call.header().type());
        assertEquals(protocol.equals(ThriftCodec.BINARY_NAME) ? ThriftCodec.BINARY : ThriftCodec.COMPACT,
                call.header().protocol());
        assertTrue(Arrays.deepEquals(arguments, call.arguments()), () -> "arguments " + Arrays.deepToString(arguments)
                + " came back as " + Arrays.deepToString(call.arguments()));
        assertEquals(timeoutMicros, call.timeoutMicros());
        assertEquals(describe(metadata), describe(call.metadata()));
        if (method.isOneway()) {
            return;
        }

        IntFunction<MethodDescriptor> pending = id -> id == sequenceId ? method : null;
        List<ExceptionDescriptor> declared = method.exceptions();
        if (!declared.isEmpty() && data.consumeBoolean()) {
            ExceptionDescriptor thrown = declared.get(data.consumeInt(0, declared.size() - 1));
            Throwable exception = exception(thrown, values.string());
            DecodedReply reply = CODEC.decodeReply(copy(CODEC.encodeDeclaredException(call, thrown, exception)),
                    pending);
            assertEquals(sequenceId, reply.sequenceId());
            assertEquals(exception.getClass(), reply.failure().getClass());
            assertEquals(exception.getMessage(), reply.failure().getMessage());
            return;
        }
        ValueType resultType = method.result();
        Object result = resultType.kind() == ValueType.Kind.VOID ? null
                : values.valueOf(resultType.javaType(), true, 0);
        DecodedReply reply = CODEC.decodeReply(copy(CODEC.encodeResult(call, result)), pending);
        assertEquals(sequenceId, reply.sequenceId());
        assertNull(reply.failure());
        assertTrue(Objects.deepEquals(result, reply.value()), () -> "result " + deepToString(result)
                + " came back as " + deepToString(reply.value()));
    }

    /**
     * Decodes {@code frame} from a heap buffer, a heap buffer at an offset and a direct buffer, checks each outcome (a
     * refusal, or the decoded message with {@code check}, which describes it) and that the three agree, and bounds
     * what the first decode allocated.
     */
    private static void sameForEveryBufferKind(byte[] frame, Function<ByteBuffer, Object> decode,
            Function<Object, String> check) {
        Object[] decoded = new Object[1];
        long bound = Allocation.SLACK + (long) ALLOCATION_PER_BYTE * frame.length;
        long allocated = Allocation.during(() -> decoded[0] = decodeOrRefusal(decode, ByteBuffer.wrap(frame)), bound);
        String outcome = describe(decoded[0], check);
        assertTrue(allocated <= bound, () -> "decoding a frame of " + frame.length + " bytes allocated " + allocated
                + " bytes (bound " + bound + "): " + outcome);

        byte[] padded = new byte[frame.length + 7];
        Arrays.fill(padded, (byte) 0x5a);
        System.arraycopy(frame, 0, padded, 3, frame.length);
        ByteBuffer atOffset = ByteBuffer.wrap(padded, 3, frame.length);
        assertEquals(outcome, describe(decodeOrRefusal(decode, atOffset), check),
                "decoded from a heap buffer at an offset");

        ByteBuffer direct = ByteBuffer.allocateDirect(frame.length).put(frame).flip();
        assertEquals(outcome, describe(decodeOrRefusal(decode, direct), check), "decoded from a direct buffer");
    }

    /** The decoded message, or the {@link CodecException} refusing it; any other exception propagates. */
    private static Object decodeOrRefusal(Function<ByteBuffer, Object> decode, ByteBuffer frame) {
        try {
            return decode.apply(frame);
        } catch (CodecException e) {
            return e;
        }
    }

    private static String describe(Object decoded, Function<Object, String> check) {
        return decoded instanceof CodecException refused ? refusal(refused) : check.apply(decoded);
    }

    /** Checks a refusal and describes it. */
    private static String refusal(CodecException e) {
        assertTrue(DECODE_CODES.contains(e.code()), () -> "unexpected code " + e.code() + ": " + e.getMessage());
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a refusal says what was wrong");
        Throwable cause = e.getCause();
        if (cause != null && !(cause instanceof OrbException) && !cause.getClass().getName().startsWith(
                "io.parley.idl.internal.") && !(cause instanceof java.nio.BufferUnderflowException)) {
            // The codec's catch-all turned a failure it did not foresee into a CodecException: still a bug.
            fail("unforeseen failure while decoding: " + e.getMessage(), cause);
        }
        return "refused " + e.code() + ": " + e.getMessage();
    }

    /** A decoded call fits the method it resolved to. */
    private static void checkCall(InboundCall call) {
        MethodDescriptor method = call.method();
        assertTrue(SampleModel.METHODS.contains(method), () -> "resolved to a foreign method " + method);
        // Either type for any method: the header, not the method, says whether an answer is sent, and Thrift
        // clients before 0.9.2 sent oneway calls as CALL.
        assertTrue(call.header().type() == MessageType.CALL || call.header().type() == MessageType.ONEWAY,
                () -> "message type " + call.header().type());
        List<ParameterDescriptor> parameters = method.parameters();
        assertEquals(parameters.size(), call.arguments().length, "arguments of " + method);
        for (int i = 0; i < parameters.size(); i++) {
            checkValue(parameters.get(i).type(), call.arguments()[i], method + " argument " + i);
        }
        assertTrue(call.timeoutMicros() >= 0, "timeout");
        call.metadata().forEach((key, value) -> assertTrue(value instanceof String || value instanceof byte[],
                "metadata value type"));
    }

    private static void checkReply(DecodedReply reply, MethodDescriptor method) {
        if (method == null) {
            assertNull(reply.value(), "a reply nobody waits for carries nothing");
            assertNull(reply.failure(), "a reply nobody waits for carries nothing");
            return;
        }
        if (reply.failure() != null) {
            Throwable failure = reply.failure();
            boolean declared = method.exceptions().stream().anyMatch(d -> d.type() == failure.getClass());
            assertTrue(declared || failure instanceof OrbException, () -> "failure " + failure + " of " + method);
            assertNull(reply.value(), "a failed reply has no value");
            return;
        }
        ValueType result = method.result();
        if (result.kind() == ValueType.Kind.VOID) {
            assertNull(reply.value(), "the value of a void method");
        } else {
            checkValue(result, reply.value(), "result of " + method);
        }
    }

    /** A decoded value is an instance of its declared type (boxed for primitives, never null for them). */
    private static void checkValue(ValueType type, Object value, String what) {
        Class<?> raw = type.rawType();
        if (raw.isPrimitive()) {
            assertTrue(value != null, () -> what + " is a primitive but came back null");
            return;
        }
        if (raw == Optional.class) {
            assertTrue(value instanceof Optional, () -> what + " is an Optional but came back " + value);
            return;
        }
        assertTrue(value == null || raw.isInstance(value), () -> what + " is a " + raw.getName() + " but came back "
                + value.getClass().getName());
    }

    private static Throwable exception(ExceptionDescriptor declared, String message) {
        try {
            return declared.type().getConstructor(String.class).newInstance(message);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The encoded bytes in a buffer of their own: the codec reuses its per-thread encode buffer. */
    private static ByteBuffer copy(ByteBuffer encoded) {
        ByteBuffer copy = ByteBuffer.allocate(encoded.remaining());
        copy.put(encoded.duplicate()).flip();
        return copy;
    }

    private static String describe(Map<String, Object> metadata) {
        StringBuilder text = new StringBuilder("{");
        metadata.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> text.append(entry.getKey())
                .append('=').append(deepToString(entry.getValue())).append(','));
        return text.append('}').toString();
    }

    private static String deepToString(Object value) {
        return value instanceof byte[] bytes ? "bytes" + Arrays.toString(bytes) : String.valueOf(value);
    }
}
