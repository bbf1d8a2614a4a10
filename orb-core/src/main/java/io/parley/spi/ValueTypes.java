package io.parley.spi;

import io.parley.Id;
import io.parley.Remote;
import io.parley.spi.ValueType.EnumValue;
import io.parley.spi.ValueType.Field;
import io.parley.spi.ValueType.Kind;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Classifies Java types into {@link ValueType}s, collecting every rule a type breaks instead of stopping at the first.
 * Nothing is cached here: descriptors, which hold the results, are cached per interface, and a static cache of
 * types would keep the class loaders of user records alive.
 */
public final class ValueTypes {
    /** The largest field id: Thrift ids are i16, and Parley reserves the ids above this one for call metadata. */
    public static final int MAX_FIELD_ID = 32000;

    private static final Map<Class<?>, Kind> SIMPLE = Map.ofEntries(
            Map.entry(void.class, Kind.VOID), Map.entry(Void.class, Kind.VOID),
            Map.entry(boolean.class, Kind.BOOL), Map.entry(Boolean.class, Kind.BOOL),
            Map.entry(byte.class, Kind.BYTE), Map.entry(Byte.class, Kind.BYTE),
            Map.entry(short.class, Kind.I16), Map.entry(Short.class, Kind.I16),
            Map.entry(int.class, Kind.I32), Map.entry(Integer.class, Kind.I32),
            Map.entry(long.class, Kind.I64), Map.entry(Long.class, Kind.I64),
            Map.entry(float.class, Kind.FLOAT), Map.entry(Float.class, Kind.FLOAT),
            Map.entry(double.class, Kind.DOUBLE), Map.entry(Double.class, Kind.DOUBLE),
            Map.entry(char.class, Kind.CHAR), Map.entry(Character.class, Kind.CHAR),
            Map.entry(String.class, Kind.STRING), Map.entry(byte[].class, Kind.BINARY),
            Map.entry(Instant.class, Kind.INSTANT), Map.entry(Duration.class, Kind.DURATION),
            Map.entry(UUID.class, Kind.UUID), Map.entry(BigDecimal.class, Kind.DECIMAL));

    private ValueTypes() {
    }

    /**
     * The value type of {@code type}, or {@code null} when it is not one; each broken rule is added to
     * {@code problems}, prefixed with {@code where} (for example {@code "Calculator.add parameter a"}).
     */
    public static ValueType of(Type type, String where, List<String> problems) {
        List<String> found = new ArrayList<>();
        ValueType result = new Classifier(found).classify(type, where, Position.TOP);
        problems.addAll(found);
        return found.isEmpty() ? result : null;
    }

    /** Where a type stands, which decides whether {@code void} and {@code Optional} are allowed. */
    enum Position { TOP, FIELD, ELEMENT }

    /** One classification run; remembers records in progress so that recursive records terminate. */
    private static final class Classifier {
        private final List<String> problems;
        private final Map<Type, ValueType> inProgress = new HashMap<>();

        Classifier(List<String> problems) {
            this.problems = problems;
        }

        ValueType classify(Type type, String where, Position position) {
            if (type instanceof Class<?> cls) {
                return classifyClass(cls, where, position);
            }
            if (type instanceof ParameterizedType parameterized) {
                return classifyGeneric(parameterized, where, position);
            }
            if (type instanceof GenericArrayType) {
                return problem(where + ": generic arrays are not value types; use a List");
            }
            return problem(where + ": type " + type.getTypeName()
                    + " is not concrete; remote types may not use type variables or wildcards");
        }

        private ValueType classifyClass(Class<?> cls, String where, Position position) {
            Kind simple = SIMPLE.get(cls);
            if (simple == Kind.VOID) {
                return position == Position.TOP ? new ValueType(Kind.VOID, cls, cls)
                        : problem(where + ": void is only a method result");
            }
            if (simple != null) {
                return new ValueType(simple, cls, cls);
            }
            if (cls.isEnum()) {
                return enumType(cls, where);
            }
            if (cls.isRecord()) {
                return recordType(cls, where);
            }
            if (cls.isArray()) {
                return problem(where + ": arrays other than byte[] are not value types; use List<"
                        + boxed(cls.getComponentType()).getSimpleName() + ">");
            }
            if (cls.isAnnotationPresent(Remote.class)) {
                return referenceType(cls, where);
            }
            if (cls == List.class || cls == Set.class || cls == Map.class || cls == Optional.class) {
                return problem(where + ": raw " + cls.getSimpleName() + "; give its type arguments");
            }
            return problem(where + ": " + cls.getName() + " is not a value type (expected: a record, an enum, a "
                    + "primitive or its box, String, byte[], List, Set, Map, Optional, Instant, Duration, UUID or "
                    + "BigDecimal)");
        }

        private ValueType classifyGeneric(ParameterizedType type, String where, Position position) {
            Class<?> raw = (Class<?>) type.getRawType();
            Type[] args = type.getActualTypeArguments();
            if (raw == List.class || raw == Set.class) {
                ValueType element = classify(args[0], where + " element", Position.ELEMENT);
                return container(raw == List.class ? Kind.LIST : Kind.SET, type, raw, element);
            }
            if (raw == Map.class) {
                ValueType key = classify(args[0], where + " key", Position.ELEMENT);
                ValueType value = classify(args[1], where + " value", Position.ELEMENT);
                return container(Kind.MAP, type, raw, key, value);
            }
            if (raw == Optional.class) {
                if (position == Position.ELEMENT) {
                    return problem(where + ": Optional may not be a collection element; leave absent values out");
                }
                ValueType element = classify(args[0], where + " value", Position.ELEMENT);
                return container(Kind.OPTIONAL, type, raw, element);
            }
            return problem(where + ": " + type.getTypeName() + " is not a value type (generic types other than "
                    + "List, Set, Map and Optional are not supported)");
        }

        private ValueType container(Kind kind, Type type, Class<?> raw, ValueType... arguments) {
            for (ValueType argument : arguments) {
                if (argument == null) {
                    return null;
                }
            }
            ValueType result = new ValueType(kind, type, raw);
            result.arguments(List.of(arguments));
            return result;
        }

        /**
         * A remote interface, passed by reference. Its own methods are not checked here: it is validated when a
         * reference to it is first sent or received, and checking it now would recurse for an interface that
         * passes itself ({@code Node next()}).
         */
        private ValueType referenceType(Class<?> cls, String where) {
            if (!cls.isInterface()) {
                return problem(where + ": " + cls.getName() + " is annotated @Remote but is not an interface; "
                        + "references are typed by their remote interface");
            }
            if (!Modifier.isPublic(cls.getModifiers())) {
                return problem(where + ": remote interface " + cls.getName() + " must be public");
            }
            return new ValueType(Kind.REFERENCE, cls, cls);
        }

        private ValueType enumType(Class<?> cls, String where) {
            if (!Modifier.isPublic(cls.getModifiers())) {
                return problem(where + ": enum " + cls.getName() + " must be public");
            }
            ValueType result = new ValueType(Kind.ENUM, cls, cls);
            List<EnumValue> values = new ArrayList<>();
            Map<Integer, Enum<?>> byValue = new HashMap<>();
            Object[] constants = cls.getEnumConstants();
            for (Object constant : constants) {
                Enum<?> e = (Enum<?>) constant;
                Id id = fieldAnnotation(cls, e.name());
                int value = id != null ? id.value() : e.ordinal();
                if (value < 0) {
                    problem(where + ": enum " + cls.getName() + "." + e.name() + " has negative @Id " + value);
                } else if (byValue.putIfAbsent(value, e) != null) {
                    problem(where + ": enum " + cls.getName() + "." + e.name() + " reuses value " + value
                            + " of " + byValue.get(value).name());
                }
                values.add(new EnumValue(value, e));
            }
            result.enumeration(values, byValue);
            return result;
        }

        private static Id fieldAnnotation(Class<?> cls, String name) {
            try {
                return cls.getField(name).getAnnotation(Id.class);
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("enum constant without field: " + name, e);
            }
        }

        private ValueType recordType(Class<?> cls, String where) {
            ValueType known = inProgress.get(cls);
            if (known != null) {
                return known;
            }
            if (!Modifier.isPublic(cls.getModifiers())) {
                return problem(where + ": record " + cls.getName() + " must be public");
            }
            ValueType result = new ValueType(Kind.RECORD, cls, cls);
            inProgress.put(cls, result);
            RecordComponent[] components = cls.getRecordComponents();
            List<Field> fields = new ArrayList<>();
            Set<Integer> ids = new HashSet<>();
            for (int i = 0; i < components.length; i++) {
                RecordComponent component = components[i];
                String fieldWhere = "record " + cls.getSimpleName() + "." + component.getName();
                Id id = component.getAnnotation(Id.class);
                int fieldId = id != null ? id.value() : i + 1;
                checkFieldId(fieldId, ids, fieldWhere);
                ValueType fieldType = classify(component.getGenericType(), fieldWhere, Position.FIELD);
                if (fieldType != null) {
                    fields.add(new Field(fieldId, component.getName(), fieldType, component.getAccessor()));
                }
            }
            result.record(fields, canonicalConstructor(cls, components));
            return result;
        }

        void checkFieldId(int fieldId, Set<Integer> ids, String where) {
            if (fieldId < 1 || fieldId > MAX_FIELD_ID) {
                problem(where + ": @Id " + fieldId + " is out of range (expected: 1 to " + MAX_FIELD_ID + ")");
            } else if (!ids.add(fieldId)) {
                problem(where + ": @Id " + fieldId + " is used twice");
            }
        }

        private static Constructor<?> canonicalConstructor(Class<?> cls, RecordComponent[] components) {
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
            }
            try {
                return cls.getDeclaredConstructor(types);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("record without canonical constructor: " + cls.getName(), e);
            }
        }

        private static Class<?> boxed(Class<?> type) {
            if (!type.isPrimitive()) {
                return type;
            }
            return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
        }

        private ValueType problem(String text) {
            problems.add(text);
            return null;
        }
    }

    /** Field ids of a method's parameters follow the same rules as record components. */
    static void checkParameterId(int id, Set<Integer> ids, String where, List<String> problems) {
        new Classifier(problems).checkFieldId(id, ids, where);
    }
}
