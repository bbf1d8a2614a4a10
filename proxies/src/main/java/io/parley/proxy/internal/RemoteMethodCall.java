package io.parley.proxy.internal;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.parley.spi.MethodDescriptor;
import io.parley.spi.proxy.Invoker;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.InstrumentedType;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.bytecode.ByteCodeAppender;
import net.bytebuddy.implementation.bytecode.Removal;
import net.bytebuddy.implementation.bytecode.StackManipulation;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.collection.ArrayFactory;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;
import net.bytebuddy.implementation.bytecode.constant.TextConstant;
import net.bytebuddy.implementation.bytecode.member.FieldAccess;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.implementation.bytecode.member.MethodReturn;
import net.bytebuddy.implementation.bytecode.member.MethodVariableAccess;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * The body of one remote method: {@code return (R) invoker.invoke(index, new Object[] {args…});} with the arguments
 * boxed and the result unboxed, written as straight-line byte code so that a call costs the argument array, the
 * boxes and one interface call: no reflection, no lookup.
 */
final class RemoteMethodCall implements Implementation, ByteCodeAppender {
    private static final TypeDescription.Generic OBJECT =
            TypeDescription.ForLoadedType.of(Object.class).asGenericType();

    private static final MethodDescription.InDefinedShape INVOKE = TypeDescription.ForLoadedType.of(Invoker.class)
            .getDeclaredMethods().filter(named("invoke")).getOnly();

    private static final MethodDescription.InDefinedShape REQUIRE_NON_NULL = TypeDescription.ForLoadedType
            .of(Objects.class).getDeclaredMethods()
            .filter(named("requireNonNull").and(takesArguments(Object.class, String.class))).getOnly();

    private final MethodDescriptor method;
    private final FieldDescription invoker;
    private final FieldDescription noArguments;

    RemoteMethodCall(MethodDescriptor method, FieldDescription invoker, FieldDescription noArguments) {
        this.method = method;
        this.invoker = invoker;
        this.noArguments = noArguments;
    }

    @Override
    public InstrumentedType prepare(InstrumentedType instrumentedType) {
        return instrumentedType;
    }

    @Override
    public ByteCodeAppender appender(Target target) {
        return this;
    }

    @Override
    public Size apply(MethodVisitor visitor, Context context, MethodDescription instrumented) {
        StackManipulation body = new StackManipulation.Compound(
                MethodVariableAccess.loadThis(),
                FieldAccess.forField(invoker).read(),
                IntegerConstant.forValue(method.index()),
                arguments(instrumented),
                MethodInvocation.invoke(INVOKE),
                result(instrumented.getReturnType().asErasure()),
                MethodReturn.of(instrumented.getReturnType()));
        if (!body.isValid()) {
            throw new IllegalStateException("cannot write the proxy method for " + method + ": " + instrumented);
        }
        StackManipulation.Size size = body.apply(visitor, context);
        return new Size(size.getMaximalSize(), instrumented.getStackSize());
    }

    private StackManipulation arguments(MethodDescription instrumented) {
        if (instrumented.getParameters().isEmpty()) {
            return FieldAccess.forField(noArguments).read();
        }
        List<StackManipulation> values = new ArrayList<>();
        for (ParameterDescription parameter : instrumented.getParameters()) {
            values.add(new StackManipulation.Compound(
                    MethodVariableAccess.load(parameter),
                    Assigner.DEFAULT.assign(parameter.getType(), OBJECT, Assigner.Typing.STATIC)));
        }
        return ArrayFactory.forType(OBJECT).withValues(values);
    }

    private StackManipulation result(TypeDescription type) {
        if (type.represents(void.class)) {
            return Removal.SINGLE;
        }
        StackManipulation cast = Assigner.DEFAULT.assign(OBJECT, type.asGenericType(), Assigner.Typing.DYNAMIC);
        if (!type.isPrimitive()) {
            return cast;
        }
        // Unboxing null would fail anyway; this says which method and why instead of naming Invoker.invoke.
        String message = "the invoker returned null for " + method + ", whose result type " + type.getName()
                + " has no null";
        return new StackManipulation.Compound(new TextConstant(message), MethodInvocation.invoke(REQUIRE_NON_NULL),
                cast);
    }
}
