package io.parley.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
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

/**
 * Builds values of the sample model's Java types from fuzzer input: structured fuzzing, so that the codec's writers
 * and readers see every kind of value, including the edges (NaN, -0.0, extreme longs and instants, empty and nested
 * containers, absent fields). Only values the codec promises to carry unchanged are made (docs/types.md): no
 * {@code null} inside containers, no unpaired surrogates.
 */
final class ValueGenerator {
    /** Containers and optionals are left empty below this depth, so that generation ends. */
    private static final int MAX_DEPTH = 6;
    private static final int MAX_ELEMENTS = 4;

    private final FuzzedDataProvider data;

    ValueGenerator(FuzzedDataProvider data) {
        this.data = data;
    }

    /** A value of {@code type}; {@code null} only where the codec carries it as an absent field. */
    Object valueOf(Type type, boolean nullable, int depth) {
        Class<?> raw = raw(type);
        if (nullable && !raw.isPrimitive() && raw != Optional.class && data.consumeInt(0, 7) == 0) {
            return null;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return data.consumeBoolean();
        }
        if (raw == byte.class || raw == Byte.class) {
            return data.consumeByte();
        }
        if (raw == short.class || raw == Short.class) {
            return data.consumeShort();
        }
        if (raw == int.class || raw == Integer.class) {
            return data.consumeInt();
        }
        if (raw == long.class || raw == Long.class) {
            return data.consumeLong();
        }
        if (raw == float.class || raw == Float.class) {
            return data.consumeFloat();
        }
        if (raw == double.class || raw == Double.class) {
            return data.consumeDouble();
        }
        if (raw == char.class || raw == Character.class) {
            char c = data.consumeChar();
            return Character.isSurrogate(c) ? '?' : c;
        }
        if (raw == String.class) {
            return string();
        }
        if (raw == byte[].class) {
            return data.consumeBytes(data.consumeInt(0, 64));
        }
        if (raw == UUID.class) {
            return new UUID(data.consumeLong(), data.consumeLong());
        }
        if (raw == Instant.class) {
            return Instant.ofEpochSecond(data.consumeLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                    data.consumeInt(0, 999_999_999));
        }
        if (raw == Duration.class) {
            return Duration.ofSeconds(data.consumeLong(), data.consumeInt(0, 999_999_999));
        }
        if (raw == BigDecimal.class) {
            return new BigDecimal(BigInteger.valueOf(data.consumeLong()).multiply(BigInteger.valueOf(
                    data.consumeLong())), data.consumeInt(-400, 400));
        }
        if (raw.isEnum()) {
            Object[] constants = raw.getEnumConstants();
            return constants[data.consumeInt(0, constants.length - 1)];
        }
        if (raw.isRecord()) {
            return record(raw, depth);
        }
        if (raw == Optional.class) {
            return depth >= MAX_DEPTH || data.consumeBoolean() ? Optional.empty()
                    : Optional.of(valueOf(argument(type, 0), false, depth + 1));
        }
        if (raw == List.class) {
            List<Object> list = new ArrayList<>();
            for (int i = count(depth); i > 0; i--) {
                list.add(valueOf(argument(type, 0), false, depth + 1));
            }
            return list;
        }
        if (raw == Set.class) {
            Set<Object> set = new LinkedHashSet<>();
            for (int i = count(depth); i > 0; i--) {
                set.add(valueOf(argument(type, 0), false, depth + 1));
            }
            return set;
        }
        if (raw == Map.class) {
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int i = count(depth); i > 0; i--) {
                map.put(valueOf(argument(type, 0), false, depth + 1), valueOf(argument(type, 1), false, depth + 1));
            }
            return map;
        }
        throw new IllegalArgumentException("the sample model has no values of " + type);
    }

    /** A string without unpaired surrogates, which UTF-8 cannot carry. */
    String string() {
        String raw = data.consumeString(data.consumeInt(0, 40));
        StringBuilder clean = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                clean.append(c).append(raw.charAt(++i));
            } else {
                clean.append(Character.isSurrogate(c) ? '?' : c);
            }
        }
        return clean.toString();
    }

    private int count(int depth) {
        return depth >= MAX_DEPTH ? 0 : data.consumeInt(0, MAX_ELEMENTS);
    }

    private Object record(Class<?> type, int depth) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = valueOf(components[i].getGenericType(), true, depth + 1);
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a " + type.getName(), e);
        }
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType()
                : (Class<?>) type;
    }

    private static Type argument(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }
}
