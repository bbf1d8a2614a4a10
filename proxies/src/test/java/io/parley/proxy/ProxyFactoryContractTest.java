package io.parley.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Completion;
import io.parley.UnavailableException;
import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.proxy.ProxyFactory;
import io.parley.spi.proxy.RemoteProxy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The behaviour every {@link ProxyFactory} must show. Subclasses name the factory; the reference implementation on
 * {@link java.lang.reflect.Proxy} passes the same tests as the generated classes.
 */
abstract class ProxyFactoryContractTest {
    private static final InterfaceDescriptor ALL_TYPES = InterfaceDescriptor.of(AllTypes.class);
    private static final InterfaceDescriptor CALCULATOR = InterfaceDescriptor.of(Calculator.class);

    private final RecordingInvoker invoker = new RecordingInvoker("parley://calc");

    /** The factory under test. */
    protected abstract ProxyFactory factory();

    private AllTypes allTypes() {
        return factory().create(ALL_TYPES, invoker);
    }

    private Calculator calculator() {
        return factory().create(CALCULATOR, invoker);
    }

    @Test
    void primitiveArgumentsAreBoxedAndPrimitiveResultsUnboxed() {
        assertRoundTrip("flag", true, false, p -> p.flag(true));
        assertRoundTrip("octet", (byte) -7, (byte) 120, p -> p.octet((byte) -7));
        assertRoundTrip("small", (short) 30_000, (short) -2, p -> p.small((short) 30_000));
        assertRoundTrip("number", 123_456, -654_321, p -> p.number(123_456));
        assertRoundTrip("large", Long.MAX_VALUE, Long.MIN_VALUE, p -> p.large(Long.MAX_VALUE));
        assertRoundTrip("single", 1.5f, -0.25f, p -> p.single(1.5f));
        assertRoundTrip("precise", Math.PI, Double.NaN, p -> p.precise(Math.PI));
        assertRoundTrip("letter", 'ß', '\u20ac', p -> p.letter('ß'));
    }

    @Test
    void boxedArgumentsAndResultsPassThrough() {
        assertRoundTrip("boxedFlag", Boolean.TRUE, Boolean.FALSE, p -> p.boxedFlag(true));
        assertRoundTrip("boxedOctet", (byte) 1, (byte) 2, p -> p.boxedOctet((byte) 1));
        assertRoundTrip("boxedSmall", (short) 3, (short) 4, p -> p.boxedSmall((short) 3));
        assertRoundTrip("boxedNumber", 5000, 6000, p -> p.boxedNumber(5000));
        assertRoundTrip("boxedLarge", 7L, 8L, p -> p.boxedLarge(7L));
        assertRoundTrip("boxedSingle", 9.5f, 10.5f, p -> p.boxedSingle(9.5f));
        assertRoundTrip("boxedPrecise", 11.5, 12.5, p -> p.boxedPrecise(11.5));
        assertRoundTrip("boxedLetter", 'x', 'y', p -> p.boxedLetter('x'));
        assertRoundTrip("text", "hello", "world", p -> p.text("hello"));
        assertRoundTrip("lines", List.of("a"), List.of("b", "c"), p -> p.lines(List.of("a")));
    }

    @Test
    void nullArgumentsAndNullReferenceResultsPassThrough() {
        invoker.returns(null);
        AllTypes proxy = allTypes();

        assertNull(proxy.boxedNumber(null));
        assertNull(proxy.text(null));
        assertEquals(Arrays.asList((Object) null), invoker.lastCall().arguments());
    }

    @Test
    void nullResultForPrimitiveThrowsNullPointerExceptionNamingTheMethod() {
        invoker.returns(null);
        AllTypes proxy = allTypes();
        Map<String, Executable> calls = Map.of(
                "flag", () -> proxy.flag(true), "octet", () -> proxy.octet((byte) 1),
                "small", () -> proxy.small((short) 1), "number", () -> proxy.number(1),
                "large", () -> proxy.large(1), "single", () -> proxy.single(1),
                "precise", () -> proxy.precise(1), "letter", () -> proxy.letter('a'));

        calls.forEach((method, call) -> {
            NullPointerException e = assertThrows(NullPointerException.class, call, method);
            assertTrue(e.getMessage().contains("AllTypes." + method + ","), e.getMessage());
        });
    }

    @Test
    void resultOfTheWrongTypeFailsWithClassCastException() {
        invoker.returns("not a number");

        assertThrows(ClassCastException.class, () -> allTypes().number(1));
        assertThrows(ClassCastException.class, () -> allTypes().boxedLarge(1L));
    }

    @Test
    void voidMethodSendsEmptyArgumentsAndIgnoresTheResult() {
        invoker.returns("ignored");

        allTypes().nothing();

        assertEquals(new RecordingInvoker.Call(index(ALL_TYPES, "nothing"), List.of()), invoker.lastCall());
    }

    @Test
    void asynchronousMethodReturnsTheInvokersFuture() {
        CompletableFuture<String> future = new CompletableFuture<>();
        invoker.returns(future);

        assertSame(future, allTypes().later("soon"));
        assertEquals(List.of("soon"), invoker.lastCall().arguments());
    }

    @Test
    void argumentsArriveInDeclarationOrder() {
        byte[] data = {1, 2, 3};
        invoker.returns("done");

        assertEquals("done", allTypes().mixed("ann", 1L << 40, true, 2.5, 'q', data, null));

        List<Object> arguments = invoker.lastCall().arguments();
        assertEquals(Arrays.asList("ann", 1L << 40, true, 2.5, 'q', data, null), arguments);
        assertSame(data, arguments.get(5));
    }

    @Test
    void everyRemoteMethodCallsTheInvokerWithItsDescriptorIndex() throws Exception {
        Calculator proxy = calculator();
        invoker.returns(0);
        proxy.add(1, 2);
        invoker.returns(0L);
        proxy.recall();
        invoker.returns(0.0);
        proxy.divide(1, 2);
        invoker.returns(null);
        proxy.store(3);

        List<String> names = CALCULATOR.methods().stream().map(MethodDescriptor::name).toList();
        assertEquals(List.of("add", "divide", "recall", "store"), names, "descriptor order (by name)");
        assertEquals(List.of(0, 2, 1, 3), invoker.calls().stream().map(RecordingInvoker.Call::index).toList());
    }

    @Test
    void methodsInheritedFromSuperInterfaceAreRemote() {
        invoker.returns(99L);
        Calculator proxy = calculator();

        proxy.store(41L);
        assertEquals(new RecordingInvoker.Call(index(CALCULATOR, "store"), List.of(41L)), invoker.lastCall());
        assertEquals(99L, proxy.recall());
        assertEquals(new RecordingInvoker.Call(index(CALCULATOR, "recall"), List.of()), invoker.lastCall());
    }

    @Test
    void defaultMethodRunsLocallyAndCallsRemoteMethodsOnTheProxy() {
        invoker.returns(10);

        assertEquals(10, calculator().twice(5));

        assertEquals(List.of(new RecordingInvoker.Call(index(CALCULATOR, "add"), List.of(5, 5))), invoker.calls());
    }

    @Test
    void declaredCheckedExceptionIsThrownAsItself() {
        DivisionByZeroException thrown = new DivisionByZeroException("1 / 0");
        invoker.throwing(thrown);

        assertSame(thrown, assertThrows(DivisionByZeroException.class, () -> calculator().divide(1, 0)));
    }

    @Test
    void uncheckedExceptionIsThrownAsItself() {
        UnavailableException thrown = new UnavailableException(Completion.NO, "no replica of calc");
        invoker.throwing(thrown);

        assertSame(thrown, assertThrows(UnavailableException.class, () -> calculator().add(1, 2)));
    }

    @Test
    void proxiesWithEqualTargetsAreEqualAndHashAlike() {
        Calculator one = calculator();
        Calculator other = factory().create(CALCULATOR, new RecordingInvoker(new String("parley://calc")));

        assertEquals(one, other);
        assertEquals(one.hashCode(), other.hashCode());
        assertEquals("parley://calc".hashCode(), one.hashCode());
    }

    @Test
    void proxyIsNotEqualToProxiesOfOtherTargetsNorToItsTarget() {
        Calculator one = calculator();
        Calculator other = factory().create(CALCULATOR, new RecordingInvoker("parley://other"));

        assertNotEquals(one, other);
        assertFalse(one.equals("parley://calc"));
        assertFalse(one.equals(null));
    }

    @Test
    void toStringShowsTheTarget() {
        assertEquals("Proxy[parley://calc]", calculator().toString());
    }

    @Test
    void objectMethodsRunLocally() {
        Calculator proxy = calculator();

        proxy.equals(proxy);
        proxy.hashCode();
        proxy.toString();

        assertEquals(List.of(), invoker.calls());
    }

    @Test
    void proxyIsARemoteProxyExposingItsInvoker() {
        RemoteProxy proxy = assertInstanceOf(RemoteProxy.class, calculator());

        assertSame(invoker, proxy.parleyInvoker());
        assertTrue(proxy.parleyEquals(calculator()));
    }

    private <R> void assertRoundTrip(String method, Object argument, R result, Function<AllTypes, R> call) {
        invoker.returns(result);

        assertEquals(result, call.apply(allTypes()), method + " result");

        assertEquals(new RecordingInvoker.Call(index(ALL_TYPES, method), List.of(argument)), invoker.lastCall(),
                method + " call");
    }

    private static int index(InterfaceDescriptor iface, String method) {
        return iface.method(method).index();
    }

}
