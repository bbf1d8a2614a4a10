package io.parley.idl.javagen;

import com.microsoft.thrifty.schema.EnumMember;
import com.microsoft.thrifty.schema.EnumType;
import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.TypeSpec;
import io.parley.Id;
import javax.lang.model.element.Modifier;

/** Java enums for Thrift enums: a constant keeps its value, with {@link Id} when it is not the constant's ordinal. */
final class EnumSources {
    private final JavaTypes types;
    private final Problems problems;

    EnumSources(JavaTypes types, Problems problems) {
        this.types = types;
        this.problems = problems;
    }

    TypeSpec enumeration(EnumType enumType) {
        TypeSpec.Builder result = TypeSpec.enumBuilder(types.classOf(enumType)).addModifiers(Modifier.PUBLIC)
                .addJavadoc("$L", Docs.of(enumType, null));
        int ordinal = 0;
        for (EnumMember member : enumType.getMembers()) {
            if (member.getValue() < 0) {
                problems.add(member.getLocation(), enumType.getName() + "." + member.getName() + " = "
                        + member.getValue() + ": Parley's enum values are 0 or more");
            }
            TypeSpec.Builder constant = TypeSpec.anonymousClassBuilder("");
            if (member.getValue() != ordinal) {
                constant.addAnnotation(AnnotationSpec.builder(Id.class).addMember("value", "$L", member.getValue())
                        .build());
            }
            if (member.getDocumentation() != null && !member.getDocumentation().isBlank()) {
                constant.addJavadoc("$L\n", Docs.html(member.getDocumentation().strip()));
            }
            result.addEnumConstant(member.getName(), constant.build());
            ordinal++;
        }
        return result.build();
    }
}
