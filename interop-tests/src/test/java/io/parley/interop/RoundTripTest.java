package io.parley.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Orb;
import io.parley.RemoteRef;
import io.parley.idl.generator.IdlGenerator;
import io.parley.idl.javagen.JavaGenerator;
import io.parley.idl.javagen.JavaSourceCompiler;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java to IDL to Java: the IDL generated from {@link Interop}, compiled back to Java, gives interfaces that
 * interoperate with the originals on the wire, in both directions, and that give the same IDL again.
 */
@Timeout(120)
class RoundTripTest {
    private static final String PACKAGE = "io.parley.interop.roundtrip";

    @TempDir
    static Path work;
    private static String originalIdl;
    private static URLClassLoader generated;
    private static Class<?> generatedInterop;
    private static Orb server;
    private static Orb client;

    @BeforeAll
    static void generateCompileAndServe() throws Exception {
        Path idl = IdlGenerator.builder().service(Interop.class).build().writeTo(work.resolve("interop.thrift"));
        originalIdl = java.nio.file.Files.readString(idl);
        generated = JavaSourceCompiler.compile(
                JavaGenerator.builder().idl(idl).javaPackage(PACKAGE).build().generate(), work.resolve("java"));
        generatedInterop = generated.loadClass(PACKAGE + ".Interop");
        server = Orb.builder().build();
        client = Orb.builder().build();
    }

    @AfterAll
    static void close() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        if (generated != null) {
            generated.close();
        }
    }

    @Test
    void generatedJavaGivesTheSameIdlAgain() {
        String again = IdlGenerator.builder().service(generatedInterop).build().generate();
        assertEquals(definitions(originalIdl), definitions(again));
    }

    @Test
    void generatedInterfaceCallsTheOriginalServant() throws Exception {
        RemoteRef ref = asInterop(server.export("original", new InteropServant()));
        Object proxy = client.connect(ref, generatedInterop);
        assertEquals(Long.MIN_VALUE, call(proxy, "add", Long.MAX_VALUE, 1L));
        assertEquals("hello, round trip", call(proxy, "greet", "round trip"));
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> method("divide").invoke(proxy, 1.0, 0.0));
        assertEquals(PACKAGE + ".DivisionByZero", thrown.getCause().getClass().getName());
        assertEquals("cannot divide 1.0 by zero", thrown.getCause().getMessage());

        Class<?> stamp = generated.loadClass(PACKAGE + ".Stamp");
        Object sent = construct(stamp, Instant.ofEpochSecond(100, 7), Duration.ofMillis(1500), 'x', 0.5f,
                (short) 3, (byte) -1, false);
        Object got = call(proxy, "stamp", sent);
        assertEquals(List.of(Instant.ofEpochSecond(101, 7), Duration.ofSeconds(3), 'y', 1.0f, (short) 4, (byte) 0,
                true), components(got), "Instant, Duration, char and float keep their Java types");
        assertEquals("found known", call(proxy, "lookup", "known"));
        assertEquals(null, call(proxy, "lookup", "unknown"), "an empty Optional result arrives as null");
    }

    @Test
    void originalInterfaceCallsAServantOfTheGeneratedInterface() throws Exception {
        Class<?> divisionByZero = generated.loadClass(PACKAGE + ".DivisionByZero");
        InvocationHandler servant = (self, method, args) -> switch (method.getName()) {
            case "echo" -> args[0];
            case "add" -> (long) args[0] + (long) args[1];
            case "greet" -> "generated greets " + args[0];
            case "divide" -> throw (Throwable) divisionByZero.getConstructor(String.class).newInstance("no zero");
            default -> throw new UnsupportedOperationException(method.getName());
        };
        Object generatedServant = Proxy.newProxyInstance(generated, new Class<?>[] {generatedInterop}, servant);
        RemoteRef ref = asInterop(server.export("generated", generatedServant));
        Interop original = client.connect(ref, Interop.class);

        Interop.Order order = new Interop.Order(UUID.randomUUID(),
                new Interop.Customer("Ada", new Interop.Address("London", List.of("a", "b"))),
                List.of(new Interop.Line("tea", 2, new BigDecimal("3.50"))), Map.of("tea", Long.MIN_VALUE),
                Optional.of("by noon"), Interop.Color.BLUE);
        assertEquals(order, original.echo(order), "decoded into generated records and encoded back");
        assertEquals(5, original.add(2, 3));
        assertEquals("generated greets you", original.greet("you"));
        Interop.DivisionByZero e = assertThrows(Interop.DivisionByZero.class, () -> original.divide(1, 0));
        assertEquals("no zero", e.getMessage());
    }

    /**
     * The same object as an Interop: the Orb names a servant's remote interfaces in service-name order, so a servant
     * of Interop (which extends Greeter) gets a reference naming Greeter.
     */
    private static RemoteRef asInterop(RemoteRef ref) {
        return new RemoteRef("Interop", ref.objectId(), ref.endpoints(), ref.incarnation());
    }

    /** The IDL without comments, namespaces and blank lines: what goes on the wire. */
    private static List<String> definitions(String idl) {
        return idl.replaceAll("(?s)/\\*\\*.*?\\*/", "").lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("//") && !line.startsWith("namespace "))
                .collect(Collectors.toList());
    }

    private static Method method(String name) {
        for (Method method : generatedInterop.getMethods()) {
            if (method.getName().equals(name)) {
                return method;
            }
        }
        throw new AssertionError("no method " + name + " in the generated interface");
    }

    private static Object call(Object proxy, String name, Object... args) throws Exception {
        return method(name).invoke(proxy, args);
    }

    private static Object construct(Class<?> record, Object... values) throws Exception {
        Class<?>[] types = java.util.Arrays.stream(record.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        return record.getDeclaredConstructor(types).newInstance(values);
    }

    private static List<Object> components(Object record) throws Exception {
        List<Object> values = new java.util.ArrayList<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            values.add(component.getAccessor().invoke(record));
        }
        return values;
    }
}
