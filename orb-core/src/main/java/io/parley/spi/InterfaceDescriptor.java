package io.parley.spi;

import io.parley.Id;
import io.parley.Idempotent;
import io.parley.InvalidRemoteInterfaceException;
import io.parley.Oneway;
import io.parley.Remote;
import io.parley.Timeout;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * A validated remote interface: its service name and its methods, sorted by name (a method's position is its
 * {@link MethodDescriptor#index()}). Obtained with {@link #of(Class)}, which checks every rule of {@link Remote} and
 * reports all broken rules in one {@link InvalidRemoteInterfaceException}. Descriptors are cached per interface.
 */
public final class InterfaceDescriptor {
    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    private static final ClassValue<Object> CACHE = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
            try {
                return new InterfaceDescriptor(type);
            } catch (InvalidRemoteInterfaceException e) {
                return e;
            }
        }
    };

    private final Class<?> type;
    private final String serviceName;
    private final List<MethodDescriptor> methods;
    private final Map<String, MethodDescriptor> byName;

    private InterfaceDescriptor(Class<?> type) {
        this.type = type;
        List<String> problems = new ArrayList<>();
        this.serviceName = serviceName(type, problems);
        List<Method> remoteMethods = remoteMethods(type, problems);
        List<MethodDescriptor> built = new ArrayList<>();
        for (Method method : remoteMethods) {
            MethodDescriptor descriptor = describe(method, built.size(), problems);
            if (descriptor != null) {
                built.add(descriptor);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRemoteInterfaceException(type, problems);
        }
        this.methods = List.copyOf(built);
        Map<String, MethodDescriptor> names = new HashMap<>();
        for (MethodDescriptor method : built) {
            names.put(method.name(), method);
        }
        this.byName = Map.copyOf(names);
    }

    /**
     * The descriptor of a remote interface.
     *
     * @throws InvalidRemoteInterfaceException listing every rule the interface breaks
     */
    public static InterfaceDescriptor of(Class<?> type) {
        Object value = CACHE.get(type);
        if (value instanceof InvalidRemoteInterfaceException e) {
            // A fresh exception per call: the cached one must not collect the stack traces of later callers.
            throw new InvalidRemoteInterfaceException(type, e.problems());
        }
        return (InterfaceDescriptor) value;
    }

    /** Whether {@code type} is an interface annotated {@link Remote}. */
    public static boolean isRemote(Class<?> type) {
        return type.isInterface() && type.isAnnotationPresent(Remote.class);
    }

    /** The Java interface. */
    public Class<?> type() {
        return type;
    }

    /** The service name on the wire. */
    public String serviceName() {
        return serviceName;
    }

    /** The remote methods, sorted by name. */
    public List<MethodDescriptor> methods() {
        return methods;
    }

    /** The method with that name, or {@code null}. */
    public MethodDescriptor method(String name) {
        return byName.get(name);
    }

    @Override
    public String toString() {
        return serviceName + " (" + type.getName() + ")";
    }

    private static String serviceName(Class<?> type, List<String> problems) {
        if (!type.isInterface()) {
            problems.add(type.getName() + " is not an interface; remote types are interfaces annotated @Remote");
            return type.getSimpleName();
        }
        if (!Modifier.isPublic(type.getModifiers())) {
            problems.add("the interface must be public");
        }
        Remote remote = type.getAnnotation(Remote.class);
        if (remote == null) {
            problems.add("the interface is not annotated @Remote");
            return type.getSimpleName();
        }
        String name = remote.name().isEmpty() ? type.getSimpleName() : remote.name();
        if (!SERVICE_NAME.matcher(name).matches()) {
            problems.add("service name '" + name + "' must be letters, digits, '_' and '.', not starting with a digit");
        }
        return name;
    }

    private static List<Method> remoteMethods(Class<?> type, List<String> problems) {
        Map<String, Method> byName = new LinkedHashMap<>();
        Set<String> reported = new HashSet<>();
        for (Method method : type.getMethods()) {
            if (!Modifier.isAbstract(method.getModifiers()) || isObjectMethod(method)) {
                continue;
            }
            Method previous = byName.putIfAbsent(method.getName(), method);
            if (previous != null && !sameSignature(previous, method) && reported.add(method.getName())) {
                problems.add(method.getName() + ": overloaded; Thrift has no overloading, so give each method "
                        + "its own name");
            }
        }
        List<Method> sorted = new ArrayList<>(byName.values());
        sorted.sort(Comparator.comparing(Method::getName));
        return sorted;
    }

    private static boolean isObjectMethod(Method method) {
        try {
            Object.class.getMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static boolean sameSignature(Method a, Method b) {
        return java.util.Arrays.equals(a.getParameterTypes(), b.getParameterTypes());
    }

    private MethodDescriptor describe(Method method, int index, List<String> problems) {
        int before = problems.size();
        String where = method.getName();
        boolean oneway = method.isAnnotationPresent(Oneway.class);
        Type returned = method.getGenericReturnType();
        boolean async = isFuture(returned);
        ValueType result;
        if (async) {
            result = futureResult(returned, where, problems);
        } else if (isOtherFuture(method.getReturnType())) {
            problems.add(where + ": returns " + method.getReturnType().getSimpleName()
                    + "; asynchronous methods return CompletableFuture");
            result = null;
        } else {
            result = ValueTypes.of(returned, where + " result", problems);
        }
        if (oneway && (async || method.getReturnType() != void.class)) {
            problems.add(where + ": @Oneway methods return void (nothing comes back to return)");
        }
        List<ParameterDescriptor> parameters = parameters(method, where, problems);
        List<ExceptionDescriptor> exceptions = exceptions(method, where, oneway, problems);
        long timeout = timeoutMillis(method, where, problems);
        if (problems.size() > before) {
            return null;
        }
        return new MethodDescriptor(this, index, method, parameters, result, exceptions, async, oneway,
                method.isAnnotationPresent(Idempotent.class), timeout);
    }

    private static boolean isFuture(Type type) {
        Type raw = type instanceof ParameterizedType p ? p.getRawType() : type;
        return raw == CompletableFuture.class;
    }

    private static ValueType futureResult(Type returned, String where, List<String> problems) {
        if (!(returned instanceof ParameterizedType parameterized)) {
            problems.add(where + ": raw CompletableFuture; declare CompletableFuture<T> (or <Void>)");
            return null;
        }
        return ValueTypes.of(parameterized.getActualTypeArguments()[0], where + " result", problems);
    }

    private static boolean isOtherFuture(Class<?> raw) {
        return Future.class.isAssignableFrom(raw) || CompletionStage.class.isAssignableFrom(raw);
    }

    private static List<ParameterDescriptor> parameters(Method method, String where, List<String> problems) {
        List<ParameterDescriptor> result = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        Parameter[] parameters = method.getParameters();
        Type[] types = method.getGenericParameterTypes();
        for (int i = 0; i < parameters.length; i++) {
            String paramWhere = where + " parameter " + parameters[i].getName();
            Id id = parameters[i].getAnnotation(Id.class);
            int fieldId = id != null ? id.value() : i + 1;
            ValueTypes.checkParameterId(fieldId, ids, paramWhere, problems);
            ValueType type = ValueTypes.of(types[i], paramWhere, problems);
            if (type != null && type.kind() == ValueType.Kind.VOID) {
                problems.add(paramWhere + ": Void is not a parameter type");
            }
            result.add(new ParameterDescriptor(fieldId, parameters[i].getName(), type));
        }
        return result;
    }

    private static List<ExceptionDescriptor> exceptions(Method method, String where, boolean oneway,
            List<String> problems) {
        List<ExceptionDescriptor> result = new ArrayList<>();
        Class<?>[] declared = method.getExceptionTypes();
        if (oneway && declared.length > 0) {
            problems.add(where + ": @Oneway methods declare no exceptions (nothing comes back to throw)");
        }
        for (int i = 0; i < declared.length; i++) {
            Class<?> type = declared[i];
            if (!Exception.class.isAssignableFrom(type)) {
                problems.add(where + ": declares " + type.getName() + "; only Exception subclasses can be declared");
                continue;
            }
            if (!Modifier.isPublic(type.getModifiers()) || !hasMessageConstructor(type)) {
                problems.add(where + ": declared exception " + type.getName()
                        + " needs to be public with a public constructor taking the message (String)");
                continue;
            }
            @SuppressWarnings("unchecked")
            Class<? extends Throwable> exceptionType = (Class<? extends Throwable>) type;
            result.add(new ExceptionDescriptor(i + 1, exceptionType));
        }
        return result;
    }

    private static boolean hasMessageConstructor(Class<?> type) {
        try {
            return Modifier.isPublic(type.getConstructor(String.class).getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private long timeoutMillis(Method method, String where, List<String> problems) {
        Timeout timeout = method.getAnnotation(Timeout.class);
        if (timeout == null) {
            timeout = type.getAnnotation(Timeout.class);
        }
        if (timeout == null) {
            return 0;
        }
        if (timeout.value() <= 0) {
            problems.add(where + ": @Timeout(" + timeout.value() + ") must be positive");
        }
        return timeout.value();
    }
}
