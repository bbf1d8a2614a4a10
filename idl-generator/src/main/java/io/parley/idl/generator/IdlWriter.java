package io.parley.idl.generator;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Writes definitions as Thrift IDL text, each with its documentation comment. */
final class IdlWriter {
    private static final int WIDTH = 100;
    private static final String INDENT = "  ";

    private final StringBuilder out = new StringBuilder();

    /** The IDL file: header comment, namespaces, then the definitions in order. */
    String write(List<String> header, Map<String, String> namespaces, List<IdlDefinition> definitions) {
        for (String line : header) {
            out.append("// ").append(line).append('\n');
        }
        out.append('\n');
        namespaces.forEach((language, namespace) ->
                out.append("namespace ").append(language).append(' ').append(namespace).append('\n'));
        for (IdlDefinition definition : definitions) {
            out.append('\n');
            doc("", definition.doc());
            if (definition instanceof IdlDefinition.Typedef typedef) {
                out.append("typedef ").append(typedef.target()).append(' ').append(typedef.name());
                annotations(typedef.annotations());
                out.append('\n');
            } else if (definition instanceof IdlDefinition.Enum enumeration) {
                enumeration(enumeration);
            } else if (definition instanceof IdlDefinition.Struct struct) {
                struct(struct);
            } else if (definition instanceof IdlDefinition.Service service) {
                service(service);
            }
        }
        return out.toString();
    }

    private void enumeration(IdlDefinition.Enum enumeration) {
        out.append("enum ").append(enumeration.name()).append(" {\n");
        for (IdlDefinition.Constant constant : enumeration.constants()) {
            out.append(INDENT).append(constant.name()).append(" = ").append(constant.value()).append(",\n");
        }
        out.append("}\n");
    }

    private void struct(IdlDefinition.Struct struct) {
        out.append(struct.exception() ? "exception " : "struct ").append(struct.name()).append(" {\n");
        for (IdlDefinition.Field field : struct.fields()) {
            doc(INDENT, field.doc());
            out.append(INDENT).append(field(field)).append('\n');
        }
        out.append('}');
        annotations(struct.annotations());
        out.append('\n');
    }

    private void service(IdlDefinition.Service service) {
        out.append("service ").append(service.name());
        if (service.base() != null) {
            out.append(" extends ").append(service.base());
        }
        out.append(" {\n");
        for (IdlDefinition.Function function : service.functions()) {
            doc(INDENT, function.doc());
            out.append(INDENT);
            if (function.oneway()) {
                out.append("oneway ");
            }
            out.append(function.returnType()).append(' ').append(function.name()).append(fields(function.parameters()));
            if (!function.exceptions().isEmpty()) {
                out.append(" throws ").append(fields(function.exceptions()));
            }
            out.append('\n');
        }
        out.append('}');
        annotations(service.annotations());
        out.append('\n');
    }

    private static String fields(List<IdlDefinition.Field> fields) {
        StringJoiner list = new StringJoiner(", ", "(", ")");
        fields.forEach(field -> list.add(field(field)));
        return list.toString();
    }

    private static String field(IdlDefinition.Field field) {
        return field.id() + ": " + (field.optional() ? "optional " : "") + field.type() + " " + field.name();
    }

    private void annotations(Map<String, String> annotations) {
        if (annotations.isEmpty()) {
            return;
        }
        StringJoiner list = new StringJoiner(", ", " (", ")");
        annotations.forEach((key, value) -> list.add(key + " = \"" + value + "\""));
        out.append(list);
    }

    /** A {@code /** ... *}{@code /} comment, wrapped; the only text that could end it early is broken up. */
    private void doc(String indent, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        String safe = text.replace("*/", "* /");
        if (indent.length() + safe.length() + 7 <= WIDTH) {
            out.append(indent).append("/** ").append(safe).append(" */\n");
            return;
        }
        out.append(indent).append("/**\n");
        StringBuilder line = new StringBuilder();
        for (String word : safe.split(" ")) {
            if (line.length() > 0 && indent.length() + 3 + line.length() + 1 + word.length() > WIDTH) {
                out.append(indent).append(" * ").append(line).append('\n');
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        out.append(indent).append(" * ").append(line).append('\n');
        out.append(indent).append(" */\n");
    }
}
