package io.parley.idl.javagen;

import com.microsoft.thrifty.schema.Field;
import com.microsoft.thrifty.schema.StructType;
import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.parley.Id;
import io.parley.spi.ValueTypes;
import java.util.Optional;
import javax.lang.model.element.Modifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records for structs and unions, and exception classes for exceptions. A record component keeps its field id
 * ({@link Id} when it is not the component's position), an {@code optional} field (and every field of a union) is an
 * {@code Optional}, and a field with a default value is boxed and takes its default when it is null, as when the
 * field is absent on the wire.
 */
final class StructSources {
    private static final Logger LOG = LoggerFactory.getLogger(StructSources.class);

    private final JavaTypes types;
    private final ConstantValues values;
    private final Problems problems;

    StructSources(JavaTypes types, ConstantValues values, Problems problems) {
        this.types = types;
        this.values = values;
        this.problems = problems;
    }

    TypeSpec record(StructType struct) {
        TypeSpec.Builder record = TypeSpec.recordBuilder(types.classOf(struct)).addModifiers(Modifier.PUBLIC)
                .addJavadoc("$L", Docs.of(struct, struct.isUnion()
                        ? "A Thrift union: exactly one component is present." : null));
        MethodSpec.Builder components = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC);
        // Defaults go in a compact constructor: the canonical one would have to assign every component itself.
        MethodSpec.Builder defaults = MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC);
        boolean anyDefault = false;
        int position = 0;
        for (Field field : struct.getFields()) {
            position++;
            checkId(struct, field);
            String name = JavaNames.member(field.getName());
            boolean optional = field.getOptional() || struct.isUnion();
            boolean defaulted = field.getDefaultValue() != null && !optional;
            TypeName type = types.of(field.getType(), optional || defaulted, field);
            if (optional) {
                type = ParameterizedTypeName.get(ClassName.get(Optional.class), type);
            }
            ParameterSpec.Builder component = ParameterSpec.builder(type, name);
            if (field.getId() != position) {
                component.addAnnotation(AnnotationSpec.builder(Id.class).addMember("value", "$L", field.getId())
                        .build());
            }
            components.addParameter(component.build());
            if (defaulted) {
                anyDefault = true;
                defaults.beginControlFlow("if ($L == null)", name)
                        .addStatement("$L = $L", name, values.of(field.getType(), field.getDefaultValue(), field))
                        .endControlFlow();
            }
            if (field.getDocumentation() != null && !field.getDocumentation().isBlank()) {
                record.addJavadoc("\n@param $L $L", name, Docs.html(field.getDocumentation().strip()));
            }
        }
        record.recordConstructor(components.build());
        if (anyDefault) {
            record.addMethod(defaults.build());
        }
        return record.build();
    }

    TypeSpec exception(StructType exception) {
        String note = "Carried as its message: Parley sends a declared exception as the struct {1: string message}.";
        boolean onlyMessage = exception.getFields().size() == 1 && exception.getFields().get(0).getId() == 1
                && exception.getFields().get(0).getType().getTrueType().getName().equals("string");
        if (!onlyMessage) {
            LOG.warn("{}: exception {} has fields other than '1: string message'; Parley carries only the message, "
                    + "so clients of other implementations see the others absent", exception.getLocation(),
                    exception.getName());
            note += " The IDL's other fields are not carried.";
        }
        return TypeSpec.classBuilder(types.classOf(exception)).addModifiers(Modifier.PUBLIC)
                .superclass(Exception.class)
                .addJavadoc("$L", Docs.of(exception, note))
                .addField(FieldSpec.builder(long.class, "serialVersionUID", Modifier.PRIVATE, Modifier.STATIC,
                        Modifier.FINAL).initializer("1L").build())
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                        .addParameter(String.class, "message").addStatement("super(message)").build())
                .build();
    }

    private void checkId(StructType struct, Field field) {
        if (field.getId() < 1 || field.getId() > ValueTypes.MAX_FIELD_ID) {
            problems.add(field.getLocation(), struct.getName() + "." + field.getName() + ": field id "
                    + field.getId() + " is out of Parley's range 1 to " + ValueTypes.MAX_FIELD_ID
                    + " (give every field an explicit id)");
        }
    }
}
