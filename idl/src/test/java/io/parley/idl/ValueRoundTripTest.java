package io.parley.idl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.idl.TestModel.Catalog;
import io.parley.idl.TestModel.Color;
import io.parley.idl.TestModel.Everything;
import io.parley.idl.TestModel.Money;
import io.parley.idl.TestModel.Node;
import io.parley.spi.codec.InboundCall;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ValueRoundTripTest {
    private final CodecHarness harness = new CodecHarness();

    static Everything full() {
        Node tree = new Node("root", List.of(new Node("left", List.of()),
                new Node("right", List.of(new Node("leaf", List.of())))));
        return new Everything(true, Boolean.FALSE, Byte.MIN_VALUE, Byte.MAX_VALUE, Short.MIN_VALUE, Short.MAX_VALUE,
                Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, 1.5f, Float.NEGATIVE_INFINITY,
                Double.NaN, Double.POSITIVE_INFINITY, 'é', '\u4e2d', "héllo wörld \u4e2d\u6587 \ud83d\ude00",
                new byte[] {0, 1, -1, 127, -128}, Color.BLUE, Instant.parse("2024-02-29T12:34:56.123456789Z"),
                Duration.ofSeconds(-3, 999_999_999), UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                new BigDecimal("-12345678901234567890.000000000000000001"), List.of("a", "", "c"),
                Set.of(3, 1, 2), Map.of("evens", List.of(0L, 2L, Long.MAX_VALUE), "none", List.of()),
                Optional.of("present"), tree);
    }

    static Everything empty() {
        return new Everything(false, null, (byte) 0, null, (short) 0, null, 0, null, 0L, null, 0f, null, 0d, null,
                '\0', null, null, null, null, null, null, null, null, null, null, null, Optional.empty(), null);
    }

    @Test
    void everyKindSurvivesACallAndItsReply() {
        Everything sent = full();
        InboundCall call = harness.callThrough(Catalog.class, "echo", sent);
        assertEverythingEquals(sent, (Everything) call.arguments()[0]);

        Everything returned = (Everything) harness.replyThrough(call, sent, Catalog.class).value();
        assertEverythingEquals(sent, returned);
    }

    @Test
    void nullsAndEmptyOptionalsTravelAsAbsentFields() {
        Everything sent = empty();
        Everything received = (Everything) harness.resultThrough(Catalog.class, "echo", sent, sent);
        assertEverythingEquals(sent, received);
        assertEquals(Optional.empty(), received.optional());
        assertNull(received.boxedInt());
        assertNull(received.string());
    }

    @Test
    void nullRecordArgumentAndNullResultAreAbsent() {
        InboundCall call = harness.callThrough(Catalog.class, "echo", (Object) null);
        assertNull(call.arguments()[0]);
        assertNull(harness.replyThrough(call, null, Catalog.class).value());
    }

    @Test
    void absentPrimitiveParameterDecodesToZeroAndAbsentBoxToNull() {
        InboundCall call = harness.callThrough(Catalog.class, "count", 7, null);
        assertEquals(7, call.arguments()[0]);
        assertNull(call.arguments()[1]);

        InboundCall noArgs = harness.callThrough(Catalog.class, "add", null, null);
        assertEquals(0L, noArgs.arguments()[0]);
        assertEquals(0L, noArgs.arguments()[1]);
    }

    @Test
    void optionalResultIsEmptyWhenTheSuccessFieldIsAbsent() {
        assertEquals(Optional.empty(), harness.resultThrough(Catalog.class, "find", Optional.empty(), "k"));
        assertEquals(Optional.empty(), harness.resultThrough(Catalog.class, "find", null, "k"));
        assertEquals(Optional.of("v"), harness.resultThrough(Catalog.class, "find", Optional.of("v"), "k"));
        assertEquals(Optional.of(new Money(150, "EUR")),
                harness.resultThrough(Catalog.class, "price", Optional.of(new Money(150, "EUR")), "coffee"));
    }

    @Test
    void voidResultDecodesToNull() {
        assertNull(harness.resultThrough(Catalog.class, "reset", null));
    }

    @Test
    void i64ExtremesAndSpecialDoublesKeepTheirExactValues() {
        assertEquals(Long.MIN_VALUE, harness.resultThrough(Catalog.class, "add", Long.MIN_VALUE, 1L, 2L));
        assertEquals(Long.MAX_VALUE, harness.resultThrough(Catalog.class, "add", Long.MAX_VALUE, 1L, 2L));
        InboundCall call = harness.callThrough(Catalog.class, "add", Long.MIN_VALUE, Long.MAX_VALUE);
        assertEquals(Long.MIN_VALUE, call.arguments()[0]);
        assertEquals(Long.MAX_VALUE, call.arguments()[1]);

        InboundCall ratio = harness.callThrough(Catalog.class, "ratio", Double.NaN, Float.POSITIVE_INFINITY);
        assertTrue(Double.isNaN((Double) ratio.arguments()[0]));
        assertEquals(Float.POSITIVE_INFINITY, ratio.arguments()[1]);
        assertEquals(-0.0d, harness.resultThrough(Catalog.class, "ratio", -0.0d, 1d, 1f));
        assertEquals(Double.doubleToRawLongBits(-0.0d),
                Double.doubleToRawLongBits((Double) harness.resultThrough(Catalog.class, "ratio", -0.0d, 1d, 1f)));
        assertEquals(Double.NEGATIVE_INFINITY,
                harness.resultThrough(Catalog.class, "ratio", Double.NEGATIVE_INFINITY, 1d, 1f));
    }

    @Test
    void emptyBinaryStaysEmptyAndIsNotNull() {
        InboundCall call = harness.callThrough(Catalog.class, "blob", (Object) new byte[0]);
        assertArrayEquals(new byte[0], (byte[]) call.arguments()[0]);
        assertArrayEquals(new byte[0], (byte[]) harness.replyThrough(call, new byte[0], Catalog.class).value());
    }

    @Test
    void enumsTravelByTheirValueAndPinnedIdsAreKept() {
        assertEquals(Color.BLUE, harness.resultThrough(Catalog.class, "paint", Color.BLUE, Color.RED));
        assertEquals(Color.RED, harness.callThrough(Catalog.class, "paint", Color.RED).arguments()[0]);
    }

    @Test
    void deepRecursiveTreeRoundTrips() {
        Node node = new Node("leaf", List.of());
        for (int i = 0; i < 20; i++) {
            node = new Node("level" + i, List.of(node, new Node("sibling" + i, List.of())));
        }
        assertEquals(node, harness.resultThrough(Catalog.class, "tree", node, node));
    }

    @Test
    void mapsOfListsAndSetsOfEnumsDecodeToMutableCollectionsInWireOrder() {
        Map<String, List<Integer>> index = new LinkedHashMap<>();
        index.put("z", List.of(3, 2, 1));
        index.put("a", List.of());
        List<Node> forest = List.of(new Node("a", List.of()), new Node("b", List.of(new Node("c", List.of()))));
        Set<Color> colors = new LinkedHashSet<>(List.of(Color.GREEN, Color.BLUE));

        InboundCall call = harness.callThrough(Catalog.class, "index", forest, colors);
        assertEquals(forest, call.arguments()[0]);
        assertEquals(colors, call.arguments()[1]);
        assertInstanceOf(ArrayList.class, call.arguments()[0]);
        assertInstanceOf(LinkedHashSet.class, call.arguments()[1]);
        assertEquals(List.of(Color.GREEN, Color.BLUE), new ArrayList<>((Set<?>) call.arguments()[1]));

        @SuppressWarnings("unchecked")
        Map<String, List<Integer>> returned =
                (Map<String, List<Integer>>) harness.replyThrough(call, index, Catalog.class).value();
        assertEquals(index, returned);
        assertInstanceOf(LinkedHashMap.class, returned);
        assertEquals(List.of("z", "a"), new ArrayList<>(returned.keySet()));
        returned.get("z").add(0); // mutable all the way down
        assertEquals(4, returned.get("z").size());
    }

    @Test
    void recordWithPinnedIdsRoundTrips() {
        Money money = new Money(-1, "CHF");
        assertEquals(money, harness.resultThrough(Catalog.class, "withdraw", money, 5L));
    }

    static void assertEverythingEquals(Everything expected, Everything actual) {
        for (var component : Everything.class.getRecordComponents()) {
            try {
                Object e = component.getAccessor().invoke(expected);
                Object a = component.getAccessor().invoke(actual);
                if (e instanceof byte[] bytes) {
                    assertArrayEquals(bytes, (byte[]) a, component.getName());
                } else if (e instanceof Double d && d.isNaN()) {
                    assertTrue(((Double) a).isNaN(), component.getName());
                } else {
                    assertEquals(e, a, component.getName());
                }
            } catch (ReflectiveOperationException ex) {
                throw new AssertionError(ex);
            }
        }
    }
}
