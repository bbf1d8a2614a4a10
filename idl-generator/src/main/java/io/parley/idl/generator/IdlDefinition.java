package io.parley.idl.generator;

import java.util.List;
import java.util.Map;

/** One top-level definition of a generated IDL file, in the order it is written. */
sealed interface IdlDefinition {

    /** The name the definition has in the IDL. */
    String name();

    /** Its documentation comment. */
    String doc();

    /** A field of a struct, an exception, a parameter list or a {@code throws} clause. */
    record Field(int id, String name, String type, boolean optional, String doc) {
    }

    /** One enum constant with its value. */
    record Constant(String name, int value) {
    }

    /** A function of a service. */
    record Function(String name, String doc, boolean oneway, String returnType, List<Field> parameters,
            List<Field> exceptions) {
    }

    /** {@code typedef target name}. */
    record Typedef(String name, String doc, String target, Map<String, String> annotations) implements IdlDefinition {
    }

    /** {@code enum}. */
    record Enum(String name, String doc, List<Constant> constants) implements IdlDefinition {
    }

    /** {@code struct} or {@code exception}. */
    record Struct(String name, String doc, boolean exception, List<Field> fields, Map<String, String> annotations)
            implements IdlDefinition {
    }

    /** {@code service name extends base}; {@code base} is null when the service extends none. */
    record Service(String name, String doc, String base, List<Function> functions, Map<String, String> annotations)
            implements IdlDefinition {
    }
}
