package io.parley.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.ErrorCode;
import io.parley.Orb;
import io.parley.OrbException;
import io.parley.it.Values.Everything;
import io.parley.it.Values.Kind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every type of the mapping table goes to a servant and back over TCP, nulls included. */
@Timeout(60)
class ValuesRoundTripTest {
    private static Orb server;
    private static Orb client;
    private static Values values;

    @BeforeAll
    static void start() {
        server = Orb.builder().name("values-server").build();
        client = Orb.builder().name("values-client").build();
        values = client.connect(server.export(new ValuesImpl()), Values.class);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    static Everything full(Everything nested) {
        return new Everything(true, Byte.MIN_VALUE, Short.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, 1.5f,
                Double.NaN, 'é', false, -1, Long.MIN_VALUE, Double.NEGATIVE_INFINITY, "grüße, 世界 \u0000",
                new byte[] {0, -1, 127}, Kind.LARGE, List.of("a", "", "c"), Set.of(1, 2, 3),
                Map.of("k", 9L), Optional.of("here"), Instant.parse("1969-07-20T20:17:40.123456789Z"),
                Duration.ofSeconds(-5, 7), UUID.randomUUID(), new BigDecimal("-1234567890.0987654321e-5"),
                nested, List.of(Map.of(Kind.SMALL, Set.of("x")), Map.of()));
    }

    static Everything empty() {
        return new Everything(false, (byte) 0, (short) 0, 0, 0, 0, 0, '\0', null, null, null, null, null, null, null,
                null, null, null, Optional.empty(), null, null, null, null, null, null);
    }

    @Test
    void recordWithEveryKindRoundTrips() {
        Everything sent = full(full(null));
        assertSameEverything(sent, values.echo(sent));
    }

    @Test
    void nullsAndEmptyOptionalsRoundTrip() {
        Everything back = values.echo(empty());
        assertSameEverything(empty(), back);
        assertNull(values.echo(null), "a null record comes back null");
        assertNull(values.echoBoxed(null));
        assertNull(values.echoString(null));
        assertNull(values.echoBytes(null));
        assertEquals(Optional.empty(), values.echoOptional(Optional.empty()));
        assertEquals(Optional.of("x"), values.echoOptional(Optional.of("x")));
    }

    @Test
    void primitivesAndContainersRoundTrip() {
        assertEquals(-42, values.echoInt(-42));
        assertArrayEquals(new byte[0], values.echoBytes(new byte[0]));
        Map<String, List<Long>> map = new LinkedHashMap<>();
        map.put("empty", List.of());
        map.put("some", List.of(Long.MIN_VALUE, 0L, Long.MAX_VALUE));
        assertEquals(map, values.echoMap(map));
        assertEquals(Kind.LARGE, values.echoKind(Kind.LARGE));
        String big = "x".repeat(1 << 20);
        assertEquals(big, values.echoString(big));
    }

    @Test
    void nullElementInsideACollectionIsRefusedBeforeSending() {
        List<String> withNull = new ArrayList<>(Arrays.asList("a", null));
        Everything bad = new Everything(false, (byte) 0, (short) 0, 0, 0, 0, 0, 'x', null, null, null, null, null,
                null, null, withNull, null, null, Optional.empty(), null, null, null, null, null, null);
        OrbException e = assertThrows(OrbException.class, () -> values.echo(bad));
        assertEquals(ErrorCode.INVALID_DATA, e.code());
        assertEquals(-1, values.echoInt(-1), "the connection is still usable");
        assertTrue(Collections.frequency(withNull, null) == 1);
    }

    private static void assertSameEverything(Everything expected, Everything actual) {
        if (expected == null) {
            assertNull(actual);
            return;
        }
        assertEquals(expected.flag(), actual.flag());
        assertEquals(expected.b(), actual.b());
        assertEquals(expected.s(), actual.s());
        assertEquals(expected.i(), actual.i());
        assertEquals(expected.l(), actual.l());
        assertEquals(expected.f(), actual.f());
        assertEquals(Double.doubleToLongBits(expected.d()), Double.doubleToLongBits(actual.d()));
        assertEquals(expected.c(), actual.c());
        assertEquals(expected.boxedFlag(), actual.boxedFlag());
        assertEquals(expected.boxedInt(), actual.boxedInt());
        assertEquals(expected.boxedLong(), actual.boxedLong());
        assertEquals(expected.boxedDouble(), actual.boxedDouble());
        assertEquals(expected.text(), actual.text());
        assertArrayEquals(expected.bytes(), actual.bytes());
        assertEquals(expected.kind(), actual.kind());
        assertEquals(expected.list(), actual.list());
        assertEquals(expected.set(), actual.set());
        assertEquals(expected.map(), actual.map());
        assertEquals(expected.maybe(), actual.maybe());
        assertEquals(expected.instant(), actual.instant());
        assertEquals(expected.duration(), actual.duration());
        assertEquals(expected.uuid(), actual.uuid());
        assertEquals(expected.decimal(), actual.decimal());
        assertEquals(expected.deep(), actual.deep());
        assertSameEverything(expected.nested(), actual.nested());
    }
}
