package io.parley.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.ErrorCode;
import io.parley.idl.ThriftCodec;
import io.parley.spi.codec.CallResolver;
import io.parley.spi.codec.CodecException;
import io.parley.spi.codec.DecodedReply;
import io.parley.spi.codec.InboundCall;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The checked-in seeds are what their names say: the fuzz tests only check that nothing breaks, so without this a
 * seed that no longer decodes (after a codec change) would quietly stop steering the fuzzer into the message format,
 * and an attack seed could stop reaching the limit it was written for.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SeedInputsTest {
    private static final ThriftCodec CODEC = new ThriftCodec();
    private static final CallResolver EXPORTS = SampleModel.exportTable();

    @Test
    void everyCallSeedDecodesToItsMethodInItsProtocol() throws IOException {
        for (var method : SampleModel.METHODS) {
            for (String protocol : new String[] {ThriftCodec.COMPACT_NAME, ThriftCodec.BINARY_NAME}) {
                InboundCall call = CODEC.decodeCall(seed("decodeCall", "seed-" + method.name() + "-" + protocol),
                        EXPORTS);
                assertEquals(method, call.method());
                assertEquals(protocol.equals(ThriftCodec.BINARY_NAME) ? ThriftCodec.BINARY : ThriftCodec.COMPACT,
                        call.header().protocol());
            }
        }
        InboundCall withMetadata = CODEC.decodeCall(seed("decodeCall", "seed-find-deadline-metadata-binary"),
                EXPORTS);
        assertEquals(250_000, withMetadata.timeoutMicros());
        assertEquals("abc-123", withMetadata.metadata().get("trace"));
    }

    @Test
    void attackSeedsAreRefusedByTheLimitTheyAttack() throws IOException {
        assertRefused("seed-attack-string-length", ErrorCode.PROTOCOL_ERROR, "string of 2147483647 bytes");
        assertRefused("seed-attack-set-count", ErrorCode.PROTOCOL_ERROR, "list/set of 2147483647 entries");
        assertRefused("seed-attack-deep-nesting", ErrorCode.PROTOCOL_ERROR, "CodecSettings.maxDepth");
        assertRefused("seed-unknown-object", ErrorCode.OBJECT_NOT_FOUND, "nobody");
        assertRefused("seed-unknown-service", ErrorCode.OBJECT_NOT_FOUND, "Bank");
        assertRefused("seed-unknown-method", ErrorCode.METHOD_NOT_FOUND, "steal");
    }

    @Test
    void replySeedsDecodeToTheirMethodsResultOrFailure() throws IOException {
        int index = 0;
        for (var method : SampleModel.METHODS) {
            int sequenceId = index++;
            if (method.isOneway()) {
                continue;
            }
            DecodedReply reply = CODEC.decodeReply(seed("decodeReply", "seed-" + method.name() + "-compact"),
                    id -> id == sequenceId ? method : null);
            assertEquals(sequenceId, reply.sequenceId());
            assertNull(reply.failure(), method.name());
        }
        int find = SampleModel.METHODS.indexOf(SampleModel.METHODS.stream()
                .filter(m -> m.name().equals("find")).findFirst().orElseThrow());
        DecodedReply notFound = CODEC.decodeReply(seed("decodeReply", "seed-find-notfound-binary"),
                id -> SampleModel.METHODS.get(find));
        assertTrue(notFound.failure() instanceof SampleModel.NotFound, String.valueOf(notFound.failure()));
    }

    private static void assertRefused(String seed, ErrorCode code, String named) throws IOException {
        ByteBuffer frame = seed("decodeCall", seed);
        CodecException refused = assertThrows(CodecException.class, () -> CODEC.decodeCall(frame, EXPORTS), seed);
        assertEquals(code, refused.code(), seed + ": " + refused.getMessage());
        assertTrue(refused.getMessage().contains(named), seed + ": " + refused.getMessage());
    }

    private static ByteBuffer seed(String method, String name) throws IOException {
        String path = "ThriftCodecFuzzTestInputs/" + method + "/" + name;
        try (InputStream in = SeedInputsTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no seed " + path + " (regenerate with SeedCorpus, docs/fuzzing.md)");
            }
            return ByteBuffer.wrap(in.readAllBytes());
        }
    }
}
