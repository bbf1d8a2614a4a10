package io.parley.idl.generator;

import io.parley.Endpoint;
import io.parley.RemoteRef;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The IDL of the Java types that Parley maps itself rather than field by field (see {@code docs/types.md}): each is
 * a typedef or struct annotated with its Java type ({@link IdlAnnotations#JAVA_TYPE}), so that the wire form is
 * documented for other languages and Java generated from the IDL uses the Java type again.
 */
final class WellKnownTypes {
    /** The Java types with a fixed IDL name, keyed as {@link IdlNames} keys them. */
    static final Map<Object, String> NAMES = Map.of(
            float.class, "Float", char.class, "Char", UUID.class, "Uuid", BigDecimal.class, "Decimal",
            Instant.class, "Instant", Duration.class, "Duration", RemoteRef.class, "RemoteRef",
            Endpoint.class, "Endpoint");

    private WellKnownTypes() {
    }

    /** The definition of the well-known type keyed {@code key} (not RemoteRef or Endpoint, which are records). */
    static IdlDefinition definition(Object key) {
        String name = NAMES.get(key);
        if (key == float.class) {
            return typedef(name, "double", "float",
                    "A Java float: any double is accepted, and Parley narrows it to float precision.");
        }
        if (key == char.class) {
            return typedef(name, "string", "char", "A Java char: a string of exactly one character.");
        }
        if (key == UUID.class) {
            return typedef(name, "string", UUID.class.getName(),
                    "A UUID in its canonical 36-character form, 8-4-4-4-12 hexadecimal digits.");
        }
        if (key == BigDecimal.class) {
            return typedef(name, "string", BigDecimal.class.getName(),
                    "A decimal number as text, as Java's BigDecimal.toString() writes it (\"12.50\", \"1E+3\").");
        }
        if (key == Instant.class) {
            return time(name, Instant.class, "A point in time: seconds since 1970-01-01T00:00:00Z and nanoseconds "
                    + "within that second (0 to 999,999,999).");
        }
        if (key == Duration.class) {
            return time(name, Duration.class, "An amount of time: whole seconds (negative for negative durations) "
                    + "and a non-negative nanosecond adjustment (0 to 999,999,999); -1.5 s is -2 s + 500,000,000 ns.");
        }
        throw new IllegalArgumentException("not a well-known type: " + key);
    }

    /** The documentation of the RemoteRef struct. */
    static String remoteRefDoc() {
        return "A reference to an exported Parley object. To call it from another language, connect to one of its "
                + "endpoints with framed transport and a TMultiplexedProtocol whose service name is "
                + "service + \"#\" + objectId.";
    }

    /** The documentation of the RemoteRef struct's {@code fromSender} field. */
    static String fromSenderDoc() {
        return "True when the process that sent this reference serves the object: call it back over the connection "
                + "the reference came on (its owner may listen nowhere). Absent otherwise.";
    }

    private static IdlDefinition typedef(String name, String target, String javaType, String doc) {
        return new IdlDefinition.Typedef(name, doc, target, Map.of(IdlAnnotations.JAVA_TYPE, javaType));
    }

    private static IdlDefinition time(String name, Class<?> javaType, String doc) {
        return new IdlDefinition.Struct(name, doc, false, List.of(
                new IdlDefinition.Field(1, "seconds", "i64", false, null),
                new IdlDefinition.Field(2, "nanos", "i32", false, null)),
                Map.of(IdlAnnotations.JAVA_TYPE, javaType.getName()));
    }
}
