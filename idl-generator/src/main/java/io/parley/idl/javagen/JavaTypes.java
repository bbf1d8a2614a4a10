package io.parley.idl.javagen;

import com.microsoft.thrifty.schema.ListType;
import com.microsoft.thrifty.schema.MapType;
import com.microsoft.thrifty.schema.NamespaceScope;
import com.microsoft.thrifty.schema.SetType;
import com.microsoft.thrifty.schema.StructType;
import com.microsoft.thrifty.schema.ThriftType;
import com.microsoft.thrifty.schema.TypedefType;
import com.microsoft.thrifty.schema.UserElement;
import com.microsoft.thrifty.schema.UserType;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.parley.idl.generator.IdlAnnotations;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Java type of each Thrift type, as Parley's codec maps it (see {@code docs/types.md}): base types to primitives
 * (boxed inside containers and optional fields), containers to {@code List}, {@code Set} and {@code Map}, and user
 * types to the classes generated for them. Typedefs are resolved, except those Parley annotated with a Java type.
 */
final class JavaTypes {
    private final String packageOverride;
    private final Problems problems;

    JavaTypes(String packageOverride, Problems problems) {
        this.packageOverride = packageOverride;
        this.problems = problems;
    }

    /** The package of a definition: the override, else its file's {@code namespace java} (or {@code *}). */
    String packageOf(UserElement element) {
        if (packageOverride != null) {
            return packageOverride;
        }
        Map<NamespaceScope, String> namespaces = element.getNamespaces();
        String namespace = namespaces.getOrDefault(NamespaceScope.JAVA, namespaces.get(NamespaceScope.ALL));
        if (namespace == null) {
            problems.add(element.getLocation(), element.getName() + ": its file has no 'namespace java'; add one or "
                    + "give the generator a Java package");
            return "";
        }
        return namespace;
    }

    /** The class generated for a user type. */
    ClassName classOf(UserType type) {
        return ClassName.get(packageOf(type), JavaNames.type(type.getName()));
    }

    /** Whether a struct stands for a Java type Parley maps itself, so that no record is generated for it. */
    static boolean isMappedByParley(UserElement element) {
        return element.getAnnotations().containsKey(IdlAnnotations.JAVA_TYPE);
    }

    /** The Java type of {@code type}; {@code boxed} where a primitive cannot stand (containers, Optional). */
    TypeName of(ThriftType type, boolean boxed, UserElement where) {
        if (type.isBuiltin()) {
            return builtin(type.getName(), boxed);
        }
        if (type instanceof ListType list) {
            return ParameterizedTypeName.get(ClassName.get(List.class), of(list.getElementType(), true, where));
        }
        if (type instanceof SetType set) {
            return ParameterizedTypeName.get(ClassName.get(Set.class), of(set.getElementType(), true, where));
        }
        if (type instanceof MapType map) {
            return ParameterizedTypeName.get(ClassName.get(Map.class), of(map.getKeyType(), true, where),
                    of(map.getValueType(), true, where));
        }
        if (type instanceof TypedefType typedef) {
            return typedef(typedef, boxed, where);
        }
        if (type instanceof StructType struct) {
            if (isMappedByParley(struct)) {
                return javaType(struct.getAnnotations().get(IdlAnnotations.JAVA_TYPE), boxed);
            }
            if (struct.isException()) {
                problems.add(where.getLocation(), where.getName() + ": exception " + struct.getName() + " is used as "
                        + "a value; Parley carries exceptions only in throws clauses");
            }
            return classOf(struct);
        }
        if (type.isEnum()) {
            return classOf((UserType) type);
        }
        problems.add(where.getLocation(), where.getName() + ": " + type.getName() + " is not a value type");
        return ClassName.OBJECT;
    }

    private TypeName typedef(TypedefType typedef, boolean boxed, UserElement where) {
        Map<String, String> annotations = typedef.getAnnotations();
        if (annotations.containsKey(IdlAnnotations.JAVA_TYPE)) {
            return javaType(annotations.get(IdlAnnotations.JAVA_TYPE), boxed);
        }
        if (annotations.containsKey(IdlAnnotations.REMOTE)) {
            // A reference to a remote object: its Java form is the remote interface itself.
            return ClassName.get(packageOf(typedef), JavaNames.type(annotations.get(IdlAnnotations.REMOTE)));
        }
        return of(typedef.getOldType(), boxed, where);
    }

    private static TypeName javaType(String name, boolean boxed) {
        TypeName type = switch (name) {
            case "char" -> TypeName.CHAR;
            case "float" -> TypeName.FLOAT;
            default -> ClassName.bestGuess(name);
        };
        return boxed ? type.box() : type;
    }

    private static TypeName builtin(String name, boolean boxed) {
        TypeName type = switch (name) {
            case "bool" -> TypeName.BOOLEAN;
            case "byte", "i8" -> TypeName.BYTE;
            case "i16" -> TypeName.SHORT;
            case "i32" -> TypeName.INT;
            case "i64" -> TypeName.LONG;
            case "double" -> TypeName.DOUBLE;
            case "string" -> ClassName.get(String.class);
            case "binary" -> ArrayTypeName.of(TypeName.BYTE);
            case "void" -> TypeName.VOID;
            default -> throw new IllegalArgumentException("unknown Thrift base type " + name);
        };
        return boxed && type.isPrimitive() ? type.box() : type;
    }
}
