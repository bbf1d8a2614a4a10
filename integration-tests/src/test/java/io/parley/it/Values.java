package io.parley.it;

import io.parley.Id;
import io.parley.Remote;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Echoes every value type of the mapping table (docs/types.md). */
@Remote
public interface Values {
    Everything echo(Everything value);

    int echoInt(int value);

    Integer echoBoxed(Integer value);

    String echoString(String value);

    byte[] echoBytes(byte[] value);

    Optional<String> echoOptional(Optional<String> value);

    Map<String, List<Long>> echoMap(Map<String, List<Long>> value);

    Kind echoKind(Kind kind);

    /** An enum: travels as its value. */
    enum Kind { SMALL, MEDIUM, @Id(100) LARGE }

    /** A record with one component of every kind. */
    record Everything(boolean flag, byte b, short s, int i, long l, float f, double d, char c,
            Boolean boxedFlag, Integer boxedInt, Long boxedLong, Double boxedDouble,
            String text, byte[] bytes, Kind kind, List<String> list, Set<Integer> set, Map<String, Long> map,
            Optional<String> maybe, Instant instant, Duration duration, UUID uuid, BigDecimal decimal,
            Everything nested, List<Map<Kind, Set<String>>> deep) {
    }
}
