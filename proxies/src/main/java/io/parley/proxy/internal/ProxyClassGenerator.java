package io.parley.proxy.internal;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isEquals;
import static net.bytebuddy.matcher.ElementMatchers.isHashCode;
import static net.bytebuddy.matcher.ElementMatchers.isToString;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.proxy.Invoker;
import io.parley.spi.proxy.RemoteProxy;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.modifier.FieldManifestation;
import net.bytebuddy.description.modifier.Ownership;
import net.bytebuddy.description.modifier.TypeManifestation;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.subclass.ConstructorStrategy;
import net.bytebuddy.implementation.FieldAccessor;
import net.bytebuddy.implementation.MethodCall;
import net.bytebuddy.implementation.bytecode.ByteCodeAppender;
import net.bytebuddy.implementation.bytecode.collection.ArrayFactory;
import net.bytebuddy.implementation.bytecode.member.FieldAccess;

/**
 * Writes the bytes of a proxy class; the shape is shown in {@link io.parley.proxy.ByteBuddyProxyFactory}. Only the
 * methods of the descriptor, {@code parleyInvoker}, {@code equals}, {@code hashCode} and {@code toString} are
 * implemented, so default methods of the interface stay inherited and run locally.
 */
final class ProxyClassGenerator {
    static final String INVOKER_FIELD = "invoker";
    static final String NO_ARGUMENTS_FIELD = "NO_ARGUMENTS";
    private static final String SUFFIX = "$ParleyProxy";

    // A fixed version rather than the running VM's: the class uses nothing newer, and the bytes do not change with
    // the JDK that happens to run them.
    private static final ByteBuddy BYTE_BUDDY = new ByteBuddy(ClassFileVersion.JAVA_V17);

    private static final TypeDescription.Generic OBJECT =
            TypeDescription.ForLoadedType.of(Object.class).asGenericType();

    private static final MethodDescription.InDefinedShape OBJECT_CONSTRUCTOR =
            TypeDescription.ForLoadedType.of(Object.class).getDeclaredMethods()
                    .filter(isConstructor()).getOnly();

    private ProxyClassGenerator() {
    }

    /** The name of the proxy class of {@code iface}: {@code com.acme.Calculator$ParleyProxy}. */
    static String nameOf(Class<?> iface) {
        return iface.getName() + SUFFIX;
    }

    /** The class file of the proxy class of {@code iface}. */
    static byte[] generate(InterfaceDescriptor iface) {
        DynamicType.Builder<Object> builder = BYTE_BUDDY
                .subclass(Object.class, ConstructorStrategy.Default.NO_CONSTRUCTORS)
                .name(nameOf(iface.type()))
                .modifiers(Visibility.PUBLIC, TypeManifestation.FINAL)
                .implement(iface.type(), RemoteProxy.class)
                .defineField(INVOKER_FIELD, Invoker.class, Visibility.PRIVATE, FieldManifestation.FINAL)
                .defineField(NO_ARGUMENTS_FIELD, Object[].class, Visibility.PRIVATE, Ownership.STATIC,
                        FieldManifestation.FINAL);
        TypeDescription shape = builder.toTypeDescription();
        FieldDescription invoker = field(shape, INVOKER_FIELD);
        FieldDescription noArguments = field(shape, NO_ARGUMENTS_FIELD);
        builder = builder
                .initializer(new ByteCodeAppender.Simple(
                        ArrayFactory.forType(OBJECT).withValues(List.of()),
                        FieldAccess.forField(noArguments).write()))
                .defineConstructor(Visibility.PUBLIC).withParameters(Invoker.class)
                .intercept(MethodCall.invoke(OBJECT_CONSTRUCTOR)
                        .andThen(FieldAccessor.ofField(INVOKER_FIELD).setsArgumentAt(0)))
                .method(named("parleyInvoker").and(takesArguments(0))).intercept(FieldAccessor.ofField(INVOKER_FIELD))
                .method(isEquals()).intercept(MethodCall.invoke(named("parleyEquals")).withAllArguments())
                .method(isHashCode()).intercept(MethodCall.invoke(named("parleyHashCode")))
                .method(isToString()).intercept(MethodCall.invoke(named("parleyToString")));
        for (MethodDescriptor method : iface.methods()) {
            // Matched by name and parameters rather than by the one Method of the descriptor, so that Byte Buddy
            // also bridges a covariant redeclaration of the same method in a sub-interface.
            builder = builder
                    .method(named(method.name()).and(takesArguments(method.method().getParameterTypes())))
                    .intercept(new RemoteMethodCall(method, invoker, noArguments));
        }
        return builder.make().getBytes();
    }

    private static FieldDescription field(TypeDescription type, String name) {
        return type.getDeclaredFields().filter(named(name)).getOnly();
    }
}
