package io.parley.spi;

import java.lang.reflect.Constructor;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * What Parley knows about a Java type that travels by value: its {@link Kind}, its element types, and for records
 * and enums their field ids and values. Built once per type by {@link InterfaceDescriptor} validation; every codec
 * maps the same kinds (the mapping of the Thrift codec is the table in {@code docs/types.md}).
 *
 * <p>Instances are immutable once built; a recursive record refers to its own {@code ValueType}.
 */
public final class ValueType {

    /** The kinds of value types. */
    public enum Kind {
        /** The result of a {@code void} method; never a field. */
        VOID,
        BOOL, BYTE, I16, I32, I64,
        /** {@code float}: widened to a Thrift double on the wire. */
        FLOAT,
        DOUBLE,
        /** {@code char}: a one-character string on the wire. */
        CHAR,
        STRING,
        /** {@code byte[]}. */
        BINARY,
        ENUM, RECORD, LIST, SET, MAP,
        /** {@code Optional<T>}: an absent field when empty. */
        OPTIONAL,
        INSTANT, DURATION, UUID,
        /** {@code BigDecimal}. */
        DECIMAL,
        /**
         * A {@link io.parley.Remote} interface: passed by reference. The object travels as a reference struct
         * (service, object id, endpoints, incarnation), and the receiver gets a proxy, or its own servant when the
         * object lives in its Orb. {@link #rawType()} is the interface.
         */
        REFERENCE
    }

    /** One component of a record. */
    public record Field(int id, String name, ValueType type, java.lang.reflect.Method accessor) {
    }

    /** One constant of an enum with its wire value. */
    public record EnumValue(int value, Enum<?> constant) {
    }

    private final Kind kind;
    private final Type javaType;
    private final Class<?> rawType;
    private List<ValueType> arguments = List.of();
    private List<Field> fields = List.of();
    private Constructor<?> constructor;
    private List<EnumValue> enumValues = List.of();
    private Map<Integer, Enum<?>> enumsByValue = Map.of();

    ValueType(Kind kind, Type javaType, Class<?> rawType) {
        this.kind = kind;
        this.javaType = javaType;
        this.rawType = rawType;
    }

    /** The kind of value. */
    public Kind kind() {
        return kind;
    }

    /** The full Java type, with its type arguments. */
    public Type javaType() {
        return javaType;
    }

    /** The Java class ({@code int.class} for a primitive int, {@code List.class} for a list). */
    public Class<?> rawType() {
        return rawType;
    }

    /** Whether this is a Java primitive type, which is never null: an absent field decodes to its zero value. */
    public boolean isPrimitive() {
        return rawType.isPrimitive();
    }

    /** The element type of a LIST, SET or OPTIONAL. */
    public ValueType element() {
        return arguments.get(0);
    }

    /** The key type of a MAP. */
    public ValueType key() {
        return arguments.get(0);
    }

    /** The value type of a MAP. */
    public ValueType value() {
        return arguments.get(1);
    }

    /** The components of a RECORD, in declaration order. */
    public List<Field> fields() {
        return fields;
    }

    /** The canonical constructor of a RECORD (accessible). */
    public Constructor<?> constructor() {
        return constructor;
    }

    /** The constants of an ENUM with their wire values, in declaration order. */
    public List<EnumValue> enumValues() {
        return enumValues;
    }

    /** The enum constant with that wire value, or {@code null} when this version of the enum has none. */
    public Enum<?> enumOf(int value) {
        return enumsByValue.get(value);
    }

    /** The wire value of one of this enum's constants. */
    public int valueOf(Enum<?> constant) {
        return enumValues.get(constant.ordinal()).value();
    }

    void arguments(List<ValueType> arguments) {
        this.arguments = List.copyOf(arguments);
    }

    void record(List<Field> fields, Constructor<?> constructor) {
        this.fields = List.copyOf(fields);
        this.constructor = constructor;
    }

    void enumeration(List<EnumValue> values, Map<Integer, Enum<?>> byValue) {
        this.enumValues = List.copyOf(values);
        this.enumsByValue = Map.copyOf(byValue);
    }

    @Override
    public String toString() {
        return javaType.getTypeName();
    }
}
