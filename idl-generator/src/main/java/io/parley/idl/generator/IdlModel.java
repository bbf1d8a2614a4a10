package io.parley.idl.generator;

import io.parley.InvalidRemoteInterfaceException;
import io.parley.RemoteRef;
import io.parley.spi.ExceptionDescriptor;
import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.ParameterDescriptor;
import io.parley.spi.ValueType;
import io.parley.spi.ValueTypes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The definitions of one IDL file, built from remote interfaces. Types are added as the services use them, each
 * after the types it needs (a recursive record refers to itself, which Thrift allows), so the file reads top-down.
 */
final class IdlModel {
    private final IdlNames names = new IdlNames();
    private final List<IdlDefinition> types = new ArrayList<>();
    private final List<IdlDefinition> references = new ArrayList<>();
    private final List<IdlDefinition> services = new ArrayList<>();
    private final Set<Object> started = new HashSet<>();
    private final Set<Class<?>> servicesStarted = new HashSet<>();
    private final List<String> problems = new ArrayList<>();

    IdlModel() {
        WellKnownTypes.NAMES.forEach(names::reserve);
        // Always present: other languages receive and pass references even when no method of this file does.
        List<String> found = new ArrayList<>();
        typeOf(ValueTypes.of(RemoteRef.class, "RemoteRef", found));
        if (!found.isEmpty()) {
            throw new IllegalStateException("RemoteRef is not a value type: " + found);
        }
    }

    /** Every definition, in the order to write them. */
    List<IdlDefinition> definitions() {
        List<IdlDefinition> all = new ArrayList<>(types);
        all.addAll(references);
        all.addAll(services);
        return all;
    }

    /** What is wrong with the interfaces added so far; empty when the IDL can be written. */
    List<String> problems() {
        return problems;
    }

    /** Adds the service of a remote interface, and before it the services of the remote interfaces it extends. */
    void addService(Class<?> iface) {
        if (!servicesStarted.add(iface)) {
            return;
        }
        InterfaceDescriptor descriptor;
        try {
            descriptor = InterfaceDescriptor.of(iface);
        } catch (InvalidRemoteInterfaceException e) {
            e.problems().forEach(problem -> problems.add(iface.getName() + ": " + problem));
            return;
        }
        // Named before anything else, so that a method passing this interface by reference can refer to it.
        String name = serviceName(descriptor);
        String refName = names.claim(new ReferenceKey(iface), List.of(name + "Ref", name + "Reference"));
        List<Class<?>> remoteParents = new ArrayList<>();
        for (Class<?> parent : iface.getInterfaces()) {
            if (InterfaceDescriptor.isRemote(parent)) {
                addService(parent);
                remoteParents.add(parent);
            }
        }
        // Thrift services extend at most one service: the first remote parent; methods of others are repeated here.
        InterfaceDescriptor base = remoteParents.isEmpty() ? null : InterfaceDescriptor.of(remoteParents.get(0));
        List<IdlDefinition.Function> functions = new ArrayList<>();
        for (MethodDescriptor method : descriptor.methods()) {
            if (base == null || base.method(method.name()) == null) {
                functions.add(function(method));
            }
        }
        Map<String, String> annotations = name.equals(descriptor.serviceName()) ? Map.of()
                : Map.of(IdlAnnotations.SERVICE_NAME, descriptor.serviceName());
        services.add(new IdlDefinition.Service(name, IdlDocs.service(descriptor),
                base == null ? null : serviceName(base), functions, annotations));
        references.add(new IdlDefinition.Typedef(refName, IdlDocs.reference(descriptor), names.nameOf(RemoteRef.class),
                Map.of(IdlAnnotations.REMOTE, name)));
    }

    private String serviceName(InterfaceDescriptor descriptor) {
        String wire = IdlNames.identifier(descriptor.serviceName());
        return names.claim(descriptor.type(), List.of(wire, wire + "Service"));
    }

    private IdlDefinition.Function function(MethodDescriptor method) {
        String where = method.owner().type().getName() + "." + method.name();
        if (ThriftKeywords.isReserved(method.name())) {
            problems.add(where + ": the method name '" + method.name() + "' is reserved by the Thrift compiler; "
                    + "rename the method (its name is its name on the wire, so it cannot be renamed in the IDL only)");
        }
        List<IdlDefinition.Field> parameters = new ArrayList<>();
        for (ParameterDescriptor parameter : method.parameters()) {
            parameters.add(new IdlDefinition.Field(parameter.id(), ThriftKeywords.escape(parameter.name()),
                    typeOf(parameter.type()), false, IdlDocs.field(parameter.type(), parameter.name())));
        }
        List<IdlDefinition.Field> exceptions = new ArrayList<>();
        Set<String> fieldNames = new HashSet<>();
        for (ExceptionDescriptor exception : method.exceptions()) {
            String type = exceptionOf(exception.type());
            String field = lowerFirst(type);
            while (!fieldNames.add(field)) {
                field = field + "_";
            }
            exceptions.add(new IdlDefinition.Field(exception.id(), ThriftKeywords.escape(field), type, false, null));
        }
        ValueType result = method.result();
        String returnType = result.kind() == ValueType.Kind.VOID ? "void" : typeOf(result);
        return new IdlDefinition.Function(method.name(), IdlDocs.function(method), method.isOneway(), returnType,
                parameters, exceptions);
    }

    /** The IDL type of a value type, adding the definitions it needs. */
    String typeOf(ValueType type) {
        if (InterfaceDescriptor.isRemote(type.rawType())) {
            // A remote object passed by reference travels as a RemoteRef; the typedef names its service.
            addService(type.rawType());
            return names.nameOf(new ReferenceKey(type.rawType()));
        }
        return switch (type.kind()) {
            case VOID -> "void";
            case BOOL -> "bool";
            case BYTE -> "i8";
            case I16 -> "i16";
            case I32 -> "i32";
            case I64 -> "i64";
            case DOUBLE -> "double";
            case STRING -> "string";
            case BINARY -> "binary";
            case FLOAT -> wellKnown(float.class);
            case CHAR -> wellKnown(char.class);
            case UUID -> wellKnown(java.util.UUID.class);
            case DECIMAL -> wellKnown(java.math.BigDecimal.class);
            case INSTANT -> wellKnown(java.time.Instant.class);
            case DURATION -> wellKnown(java.time.Duration.class);
            case LIST -> "list<" + typeOf(type.element()) + ">";
            case SET -> "set<" + typeOf(type.element()) + ">";
            case MAP -> "map<" + typeOf(type.key()) + ", " + typeOf(type.value()) + ">";
            case OPTIONAL -> typeOf(type.element());
            case ENUM -> enumOf(type);
            case RECORD -> structOf(type);
            case REFERENCE -> throw new IllegalStateException("references are handled above: " + type);
        };
    }

    private String wellKnown(Class<?> key) {
        if (started.add(key)) {
            types.add(WellKnownTypes.definition(key));
        }
        return names.nameOf(key);
    }

    private String enumOf(ValueType type) {
        String name = names.claim(type.rawType(), IdlNames.candidates(type.rawType()));
        if (started.add(type.rawType())) {
            List<IdlDefinition.Constant> constants = new ArrayList<>();
            for (ValueType.EnumValue value : type.enumValues()) {
                constants.add(new IdlDefinition.Constant(ThriftKeywords.escape(value.constant().name()),
                        value.value()));
            }
            types.add(new IdlDefinition.Enum(name, IdlDocs.javaType("enum", type.rawType()), constants));
        }
        return name;
    }

    private String structOf(ValueType type) {
        Class<?> record = type.rawType();
        String name = names.claim(record, IdlNames.candidates(record));
        if (started.add(record)) {
            List<IdlDefinition.Field> fields = new ArrayList<>();
            for (ValueType.Field field : type.fields()) {
                fields.add(new IdlDefinition.Field(field.id(), ThriftKeywords.escape(field.name()),
                        typeOf(field.type()), field.type().kind() == ValueType.Kind.OPTIONAL,
                        IdlDocs.field(field.type(), field.name())));
            }
            Map<String, String> annotations = new LinkedHashMap<>();
            String doc = IdlDocs.javaType("record", record);
            if (WellKnownTypes.NAMES.containsKey(record)) {
                annotations.put(IdlAnnotations.JAVA_TYPE, record.getName());
                doc = record == RemoteRef.class ? WellKnownTypes.remoteRefDoc() : "Where an object can be reached.";
            }
            if (record == RemoteRef.class) {
                // Parley's addition to the reference struct, as the Thrift codec writes it (ReferenceCodec).
                fields.add(new IdlDefinition.Field(5, "fromSender", "bool", true,
                        WellKnownTypes.fromSenderDoc()));
            }
            types.add(new IdlDefinition.Struct(name, doc, false, fields, annotations));
        }
        return name;
    }

    private String exceptionOf(Class<? extends Throwable> type) {
        String name = names.claim(type, IdlNames.candidates(type));
        if (started.add(type)) {
            types.add(new IdlDefinition.Struct(name, IdlDocs.javaType("exception", type), true,
                    List.of(new IdlDefinition.Field(ExceptionDescriptor.MESSAGE_FIELD_ID, "message", "string", false,
                            "The exception's message.")), Map.of()));
        }
        return name;
    }

    private static String lowerFirst(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /** The key of the typedef naming references to one remote interface. */
    private record ReferenceKey(Class<?> iface) {
    }
}
