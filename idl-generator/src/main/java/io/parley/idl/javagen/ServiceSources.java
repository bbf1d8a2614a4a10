package io.parley.idl.javagen;

import com.microsoft.thrifty.schema.Field;
import com.microsoft.thrifty.schema.ServiceMethod;
import com.microsoft.thrifty.schema.ServiceType;
import com.microsoft.thrifty.schema.UserType;
import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.parley.Id;
import io.parley.Oneway;
import io.parley.Remote;
import io.parley.idl.generator.IdlAnnotations;
import javax.lang.model.element.Modifier;

/**
 * {@link Remote} interfaces for services. A service that extends another extends its interface; a function becomes
 * a method of the same name (the name travels on the wire), {@code oneway} becomes {@link Oneway}, and the exceptions
 * of {@code throws} are declared in their id order.
 */
final class ServiceSources {
    private final JavaTypes types;
    private final Problems problems;

    ServiceSources(JavaTypes types, Problems problems) {
        this.types = types;
        this.problems = problems;
    }

    TypeSpec service(ServiceType service) {
        AnnotationSpec.Builder remote = AnnotationSpec.builder(Remote.class);
        String wireName = service.getAnnotations().get(IdlAnnotations.SERVICE_NAME);
        if (wireName != null) {
            remote.addMember("name", "$S", wireName);
        } else if (!JavaNames.type(service.getName()).equals(service.getName())) {
            remote.addMember("name", "$S", service.getName());
        }
        TypeSpec.Builder result = TypeSpec.interfaceBuilder(types.classOf(service)).addModifiers(Modifier.PUBLIC)
                .addAnnotation(remote.build())
                .addJavadoc("$L", Docs.of(service, "Its service name on the wire is \""
                        + (wireName != null ? wireName : service.getName()) + "\"."));
        if (service.getExtendsService() != null) {
            result.addSuperinterface(types.classOf((UserType) service.getExtendsService()));
        }
        for (ServiceMethod function : service.getMethods()) {
            result.addMethod(method(service, function));
        }
        return result.build();
    }

    private MethodSpec method(ServiceType service, ServiceMethod function) {
        String where = service.getName() + "." + function.getName();
        if (!JavaNames.isValidMethod(function.getName())) {
            problems.add(function.getLocation(), where + ": '" + function.getName() + "' is not a Java method name, "
                    + "and the method name travels on the wire, so it cannot be renamed");
        }
        MethodSpec.Builder method = MethodSpec.methodBuilder(function.getName())
                .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                .returns(types.of(function.getReturnType(), false, function));
        if (function.getDocumentation() != null && !function.getDocumentation().isBlank()) {
            method.addJavadoc("$L\n", Docs.html(function.getDocumentation().strip()));
        }
        if (function.getOneWay()) {
            method.addAnnotation(Oneway.class);
        }
        int position = 0;
        for (Field parameter : function.getParameters()) {
            position++;
            TypeName type = types.of(parameter.getType(), false, parameter);
            ParameterSpec.Builder spec = ParameterSpec.builder(type, JavaNames.member(parameter.getName()));
            if (parameter.getId() != position) {
                spec.addAnnotation(AnnotationSpec.builder(Id.class).addMember("value", "$L", parameter.getId())
                        .build());
            }
            method.addParameter(spec.build());
        }
        int expected = 0;
        for (Field exception : function.getExceptions()) {
            expected++;
            if (exception.getId() != expected) {
                problems.add(exception.getLocation(), where + ": throws field " + exception.getName() + " has id "
                        + exception.getId() + "; Parley numbers declared exceptions 1, 2, ... in throws order, so "
                        + "this one must have id " + expected);
            }
            method.addException(types.classOf((UserType) exception.getType().getTrueType()));
        }
        return method.build();
    }
}
