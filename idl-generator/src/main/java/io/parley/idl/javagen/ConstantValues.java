package io.parley.idl.javagen;

import com.microsoft.thrifty.schema.EnumMember;
import com.microsoft.thrifty.schema.EnumType;
import com.microsoft.thrifty.schema.ListType;
import com.microsoft.thrifty.schema.MapType;
import com.microsoft.thrifty.schema.SetType;
import com.microsoft.thrifty.schema.ThriftType;
import com.microsoft.thrifty.schema.TypedefType;
import com.microsoft.thrifty.schema.UserElement;
import com.microsoft.thrifty.schema.parser.ConstValueElement;
import com.microsoft.thrifty.schema.parser.DoubleValueElement;
import com.microsoft.thrifty.schema.parser.IdentifierValueElement;
import com.microsoft.thrifty.schema.parser.IntValueElement;
import com.microsoft.thrifty.schema.parser.ListValueElement;
import com.microsoft.thrifty.schema.parser.LiteralValueElement;
import com.microsoft.thrifty.schema.parser.MapValueElement;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Java expressions for Thrift constant values ({@code const} definitions and field defaults): literals of the Java
 * type, immutable {@code List.of}/{@code Set.of}/{@code Map.ofEntries} for containers, enum constants, and references
 * to other constants.
 */
final class ConstantValues {
    private final JavaTypes types;
    private final Map<String, ClassName> constantHolders;
    private final Problems problems;

    /**
     * @param constantHolders the class holding each constant, by its name and by {@code program.name}
     */
    ConstantValues(JavaTypes types, Map<String, ClassName> constantHolders, Problems problems) {
        this.types = types;
        this.constantHolders = constantHolders;
        this.problems = problems;
    }

    /** The Java expression of {@code value} as a value of {@code type}. */
    CodeBlock of(ThriftType type, ConstValueElement value, UserElement where) {
        if (value instanceof IdentifierValueElement identifier && !isBooleanWord(identifier.getValue())
                && !resolve(type).isEnum()) {
            return reference(identifier.getValue(), where);
        }
        ThriftType resolved = resolve(type);
        if (resolved instanceof ListType list && value instanceof ListValueElement elements) {
            return collection("$T.of", List.class, list.getElementType(), elements.getValue(), where);
        }
        if (resolved instanceof SetType set && value instanceof ListValueElement elements) {
            return collection("$T.of", Set.class, set.getElementType(), elements.getValue(), where);
        }
        if (resolved instanceof MapType map && value instanceof MapValueElement entries) {
            CodeBlock.Builder code = CodeBlock.builder().add("$T.ofEntries(", Map.class);
            String separator = "";
            for (Map.Entry<ConstValueElement, ConstValueElement> entry : entries.getValue().entrySet()) {
                code.add(separator).add("$T.entry($L, $L)", Map.class, of(map.getKeyType(), entry.getKey(), where),
                        of(map.getValueType(), entry.getValue(), where));
                separator = ", ";
            }
            return code.add(")").build();
        }
        if (resolved instanceof EnumType enumeration) {
            return enumConstant(enumeration, value, where);
        }
        return scalar(types.of(type, false, where), value, where);
    }

    private CodeBlock collection(String factory, Class<?> container, ThriftType element,
            List<ConstValueElement> values, UserElement where) {
        CodeBlock.Builder code = CodeBlock.builder().add(factory + "(", container);
        String separator = "";
        for (ConstValueElement value : values) {
            code.add(separator).add(of(element, value, where));
            separator = ", ";
        }
        return code.add(")").build();
    }

    private CodeBlock enumConstant(EnumType enumeration, ConstValueElement value, UserElement where) {
        EnumMember member = null;
        if (value instanceof IdentifierValueElement identifier) {
            String name = identifier.getValue();
            member = enumeration.findMemberByName(name.substring(name.lastIndexOf('.') + 1));
        } else if (value instanceof IntValueElement number) {
            member = enumeration.findMemberById((int) number.getValue());
        }
        if (member == null) {
            problems.add(where.getLocation(), where.getName() + ": " + value.getThriftText() + " is not a value of "
                    + enumeration.getName());
            return CodeBlock.of("null");
        }
        return CodeBlock.of("$T.$L", types.classOf(enumeration), member.getName());
    }

    private CodeBlock scalar(TypeName type, ConstValueElement value, UserElement where) {
        TypeName primitive = type.isBoxedPrimitive() ? type.unbox() : type;
        if (primitive.equals(TypeName.BOOLEAN)) {
            return CodeBlock.of("$L", value instanceof IntValueElement number ? number.getValue() != 0
                    : "true".equals(((IdentifierValueElement) value).getValue()));
        }
        if (value instanceof IntValueElement number) {
            return integer(primitive, number.getValue(), where);
        }
        if (value instanceof DoubleValueElement number) {
            return primitive.equals(TypeName.FLOAT) ? CodeBlock.of("$Lf", number.getValue())
                    : CodeBlock.of("$L", number.getValue());
        }
        if (value instanceof LiteralValueElement literal) {
            return text(primitive, literal.getValue(), where);
        }
        problems.add(where.getLocation(), where.getName() + ": the value " + value.getThriftText()
                + " cannot be a Java " + type + " (struct constants are not supported)");
        return CodeBlock.of("null");
    }

    private CodeBlock integer(TypeName type, long value, UserElement where) {
        if (type.equals(TypeName.LONG)) {
            return CodeBlock.of("$LL", value);
        }
        if (type.equals(TypeName.BYTE) || type.equals(TypeName.SHORT)) {
            return CodeBlock.of("($T) $L", type, value);
        }
        if (type.equals(TypeName.DOUBLE)) {
            return CodeBlock.of("$L.0", value);
        }
        if (type.equals(TypeName.FLOAT)) {
            return CodeBlock.of("$Lf", value);
        }
        if (!type.equals(TypeName.INT)) {
            problems.add(where.getLocation(), where.getName() + ": the number " + value + " cannot be a Java " + type);
        }
        return CodeBlock.of("$L", value);
    }

    private CodeBlock text(TypeName type, String value, UserElement where) {
        if (type.equals(ClassName.get(String.class))) {
            return CodeBlock.of("$S", value);
        }
        if (type.equals(ClassName.get(UUID.class))) {
            return CodeBlock.of("$T.fromString($S)", UUID.class, value);
        }
        if (type.equals(ClassName.get(BigDecimal.class))) {
            return CodeBlock.of("new $T($S)", BigDecimal.class, value);
        }
        if (type.equals(TypeName.CHAR) && value.length() == 1) {
            return CodeBlock.of("$S.charAt(0)", value);
        }
        if (type.toString().equals("byte[]")) {
            return CodeBlock.of("$S.getBytes($T.UTF_8)", value, StandardCharsets.class);
        }
        problems.add(where.getLocation(), where.getName() + ": the text \"" + value + "\" cannot be a Java " + type);
        return CodeBlock.of("null");
    }

    private CodeBlock reference(String name, UserElement where) {
        ClassName holder = constantHolders.get(name);
        if (holder == null) {
            problems.add(where.getLocation(), where.getName() + ": unknown constant " + name);
            return CodeBlock.of("null");
        }
        return CodeBlock.of("$T.$L", holder, name.substring(name.lastIndexOf('.') + 1));
    }

    private static boolean isBooleanWord(String word) {
        return word.equals("true") || word.equals("false");
    }

    /** The type under typedefs, except typedefs Parley maps to a Java type, whose values are text or numbers. */
    private static ThriftType resolve(ThriftType type) {
        ThriftType current = type;
        while (current instanceof TypedefType typedef && !JavaTypes.isMappedByParley(typedef)) {
            current = typedef.getOldType();
        }
        return current;
    }
}
