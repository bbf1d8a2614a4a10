package io.parley.idl.javagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.MethodDescriptor;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaGeneratorTest {

    @Test
    void tutorialIdlWithAnIncludeCompilesAndParleyAcceptsItsServices(@TempDir Path dir) throws Exception {
        List<GeneratedSource> sources = generate("tutorial.thrift");
        assertEquals(List.of("com.acme.shared.SharedConstants", "com.acme.shared.SharedService",
                "com.acme.shared.SharedStruct", "com.acme.tutorial.Calculator", "com.acme.tutorial.InvalidOperation",
                "com.acme.tutorial.Operation", "com.acme.tutorial.TutorialConstants", "com.acme.tutorial.Work"),
                names(sources));
        try (URLClassLoader loader = JavaSourceCompiler.compile(sources, dir)) {
            InterfaceDescriptor calculator = InterfaceDescriptor.of(loader.loadClass("com.acme.tutorial.Calculator"));
            assertEquals(List.of("add", "calculate", "getStruct", "ping", "zip"),
                    calculator.methods().stream().map(MethodDescriptor::name).toList(),
                    "the service's functions and those of the service it extends");
            assertTrue(calculator.method("zip").isOneway());
            assertEquals(1, calculator.method("calculate").exceptions().size());
        }
    }

    @Test
    void storeIdlCompilesAndParleyAcceptsItsServices(@TempDir Path dir) throws Exception {
        List<GeneratedSource> sources = generate("store.thrift");
        try (URLClassLoader loader = JavaSourceCompiler.compile(sources, dir)) {
            InterfaceDescriptor store = InterfaceDescriptor.of(loader.loadClass("com.acme.store.Store"));
            MethodDescriptor place = store.method("place");
            assertEquals(3, place.parameters().get(1).id(), "a sparse parameter id is kept");
            assertEquals(2, place.exceptions().size());
            InterfaceDescriptor admin = InterfaceDescriptor.of(loader.loadClass("com.acme.store.AdminStore"));
            assertEquals(6, admin.methods().size());
        }
    }

    @Test
    void structsBecomeRecordsKeepingIdsOptionalsAndDefaults() throws Exception {
        String work = source(generate("tutorial.thrift"), "com.acme.tutorial.Work");
        assertContains(work, "public record Work(Integer num1, int num2, Operation op, Optional<String> comment,\n"
                + "        Long createdAt, List<Integer> history)");
        assertContains(work, "if (num1 == null) {\n            num1 = 0;");
        assertContains(work, "history = List.of(1, 2);");
        assertContains(work, "@param num1 The first operand.");
        String product = source(generate("store.thrift"), "com.acme.store.Product");
        assertContains(product, "@Id(5) Money price");
        assertContains(product, "@Id(8) Optional<byte[]> thumbnail");
        assertContains(product, "@Id(9) byte rating");
        assertContains(product, "@Id(10) short stock");
        assertContains(product, "if (active == null) {\n            active = true;");
        assertContains(product, "weightKg = 1.5;");
        assertContains(product, "String productId");
    }

    @Test
    void unionBecomesARecordOfOptionals() throws Exception {
        String payment = source(generate("store.thrift"), "com.acme.store.PaymentMethod");
        assertContains(payment, "public record PaymentMethod(Optional<String> cardToken, Optional<String> iban,\n"
                + "        Optional<Money> giftCard)");
        assertContains(payment, "A Thrift union: exactly one component is present.");
    }

    @Test
    void enumsKeepTheirValues() throws Exception {
        String currency = source(generate("store.thrift"), "com.acme.store.Currency");
        assertContains(currency, "@Id(978)\n    EUR,");
        assertContains(currency, "@Id(826)\n    GBP");
        String status = source(generate("store.thrift"), "com.acme.store.Status");
        assertTrue(!status.contains("@Id"), "values equal to ordinals need no @Id:\n" + status);
    }

    @Test
    void servicesBecomeRemoteInterfacesWithTypedefsResolved() throws Exception {
        String store = source(generate("store.thrift"), "com.acme.store.Store");
        assertContains(store, "@Remote\npublic interface Store {");
        assertContains(store, "Order place(Order order, @Id(3) String idempotencyKey) throws NotFound,\n"
                + "            PaymentDeclined;");
        assertContains(store, "Map<String, Integer> stock(Set<String> ids);");
        assertContains(store, "@Oneway\n    void track(String event, Map<String, String> attributes);");
        assertContains(source(generate("store.thrift"), "com.acme.store.AdminStore"),
                "public interface AdminStore extends Store {");
        String order = source(generate("store.thrift"), "com.acme.store.Order");
        assertContains(order, "Map<String, List<Product>> productsByCategory");
        assertContains(order, "List<Map<String, Set<Integer>>> nested");
        assertContains(order, "status = Status.NEW;");
    }

    @Test
    void constantsBecomeStaticFieldsOfAClassPerFile() throws Exception {
        String constants = source(generate("tutorial.thrift"), "com.acme.tutorial.TutorialConstants");
        assertContains(constants, "public static final int INT32CONSTANT = 9853;");
        assertContains(constants, "public static final long BIG = 9223372036854775807L;");
        assertContains(constants, "public static final double PI = 3.14159;");
        assertContains(constants, "public static final boolean ENABLED = true;");
        assertContains(constants, "public static final List<String> GREETINGS = List.of(\"hello\", \"bonjour\");");
        assertContains(constants, "Set<Short> SMALL_PRIMES = Set.of((short) 2, (short) 3, (short) 5, (short) 7);");
        assertContains(constants, "Map.entry(\"hello\", \"world\")");
        assertContains(constants, "public static final Operation DEFAULT_OPERATION = Operation.ADD;");
        assertContains(source(generate("tutorial.thrift"), "com.acme.shared.SharedConstants"),
                "public static final String SERVICE_VERSION = \"2.1\";");
    }

    @Test
    void exceptionsBecomeCheckedExceptionsCarryingTheirMessage() throws Exception {
        String notFound = source(generate("store.thrift"), "com.acme.store.NotFound");
        assertContains(notFound, "public class NotFound extends Exception {");
        assertContains(notFound, "public NotFound(String message) {\n        super(message);");
        assertContains(source(generate("tutorial.thrift"), "com.acme.tutorial.InvalidOperation"),
                "The IDL's other fields are not carried.");
    }

    @Test
    void aJavaPackageReplacesTheNamespaces() throws Exception {
        List<GeneratedSource> sources = JavaGenerator.builder().idl(sample("store.thrift")).javaPackage("x.y")
                .build().generate();
        assertTrue(sources.stream().allMatch(source -> source.qualifiedName().startsWith("x.y.")),
                names(sources).toString());
    }

    @Test
    void throwsIdsThatParleyCannotNumberAreRefused(@TempDir Path dir) throws Exception {
        Path idl = Files.writeString(dir.resolve("bad.thrift"), "namespace java bad\n"
                + "exception A { 1: string message }\n"
                + "service S { void f() throws (2: A a) }\n");
        JavaGenerationException e = assertThrows(JavaGenerationException.class,
                () -> JavaGenerator.builder().idl(idl).build().generate());
        assertContains(e.getMessage(), "bad.thrift:3: S.f: throws field a has id 2; Parley numbers declared "
                + "exceptions 1, 2, ... in throws order, so this one must have id 1");
    }

    @Test
    void parseErrorsNameTheFileAndLine(@TempDir Path dir) throws Exception {
        Path idl = Files.writeString(dir.resolve("broken.thrift"), "namespace java b\nstruct S { 1: Missing m }\n");
        JavaGenerationException e = assertThrows(JavaGenerationException.class,
                () -> JavaGenerator.builder().idl(idl).build().generate());
        assertContains(e.getMessage(), "broken.thrift");
        assertContains(e.getMessage(), "Missing");
    }

    @Test
    void writesSourcesByPackage(@TempDir Path dir) throws Exception {
        List<Path> written = JavaGenerator.builder().idl(sample("store.thrift")).build().writeTo(dir);
        assertTrue(written.contains(dir.resolve("com/acme/store/Store.java")), written.toString());
        assertTrue(Files.readString(dir.resolve("com/acme/store/Store.java")).startsWith("package com.acme.store;"));
    }

    static Path sample(String name) throws URISyntaxException {
        return Path.of(JavaGeneratorTest.class.getResource("/thrift/" + name).toURI());
    }

    private static List<GeneratedSource> generate(String name) throws URISyntaxException {
        return JavaGenerator.builder().idl(sample(name)).build().generate();
    }

    private static String source(List<GeneratedSource> sources, String name) {
        Map<String, String> byName = sources.stream()
                .collect(Collectors.toMap(GeneratedSource::qualifiedName, GeneratedSource::source));
        assertTrue(byName.containsKey(name), "no " + name + " in " + byName.keySet());
        return byName.get(name);
    }

    private static List<String> names(List<GeneratedSource> sources) {
        return sources.stream().map(GeneratedSource::qualifiedName).toList();
    }

    /** Asserts that {@code text} contains {@code part}, whatever the line breaks and indentation. */
    private static void assertContains(String text, String part) {
        String spaced = text.replaceAll("\\s+", " ");
        assertTrue(spaced.contains(part.replaceAll("\\s+", " ")), () -> "expected '" + part + "' in:\n" + text);
    }
}
