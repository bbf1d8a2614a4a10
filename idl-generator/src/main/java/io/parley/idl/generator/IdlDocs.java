package io.parley.idl.generator;

import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.ValueType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.StringJoiner;

/**
 * The documentation comments of generated IDL. Javadoc does not survive compilation, so each comment says where the
 * element comes from in Java and what a client in another language needs to know about it.
 */
final class IdlDocs {
    private IdlDocs() {
    }

    static String service(InterfaceDescriptor descriptor) {
        return "Parley remote interface " + descriptor.type().getName() + ". Call an exported object with framed "
                + "transport, compact or binary protocol, and a TMultiplexedProtocol whose service name is \""
                + descriptor.serviceName() + "#\" + objectId; a named object's id is its name.";
    }

    static String reference(InterfaceDescriptor descriptor) {
        return "A reference to an object serving " + descriptor.serviceName() + ".";
    }

    static String javaType(String what, Class<?> type) {
        return "Java " + what + " " + type.getName().replace('$', '.') + ".";
    }

    static String field(ValueType type, String name) {
        String doc = "Java: " + typeName(type.javaType()) + " " + name + ".";
        if (type.kind() == ValueType.Kind.OPTIONAL) {
            doc += " Absent when empty.";
        }
        return doc;
    }

    static String function(MethodDescriptor method) {
        Method java = method.method();
        StringJoiner parameters = new StringJoiner(", ", "(", ")");
        Type[] types = java.getGenericParameterTypes();
        for (int i = 0; i < types.length; i++) {
            parameters.add(typeName(types[i]) + " " + method.parameters().get(i).name());
        }
        StringBuilder doc = new StringBuilder("Java: ").append(typeName(java.getGenericReturnType())).append(' ')
                .append(java.getName()).append(parameters);
        StringJoiner exceptions = new StringJoiner(", ", " throws ", "");
        exceptions.setEmptyValue("");
        for (Class<?> exception : java.getExceptionTypes()) {
            exceptions.add(exception.getSimpleName());
        }
        doc.append(exceptions).append('.');
        if (method.isAsync()) {
            doc.append(" Asynchronous in Java; the same call for other languages.");
        }
        if (method.isIdempotent()) {
            doc.append(" Idempotent: safe to retry.");
        }
        if (method.timeoutMillis() > 0) {
            doc.append(" Default deadline ").append(method.timeoutMillis()).append(" ms.");
        }
        return doc.toString();
    }

    /** A Java type as source code would write it with simple names: {@code CompletableFuture<List<Double>>}. */
    static String typeName(Type type) {
        if (type instanceof Class<?> cls) {
            return cls.getSimpleName();
        }
        if (type instanceof ParameterizedType parameterized) {
            StringJoiner arguments = new StringJoiner(", ", "<", ">");
            for (Type argument : parameterized.getActualTypeArguments()) {
                arguments.add(typeName(argument));
            }
            return typeName(parameterized.getRawType()) + arguments;
        }
        return type.getTypeName();
    }
}
