package io.parley.idl.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.idl.generator.fixtures.Catalog;
import io.parley.idl.generator.fixtures.Deleter;
import io.parley.idl.generator.fixtures.Warehouse;
import io.parley.Remote;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdlGeneratorTest {
    private static final String WAREHOUSE = IdlGenerator.builder().service(Warehouse.class).build().generate();

    @Test
    void recordBecomesStructWithItsFieldIds() {
        String item = block("struct Item");
        assertContains(item, "1: Uuid id");
        assertContains(item, "2: string name");
        assertContains(item, "3: Category category");
        assertContains(item, "7: Decimal price");
        assertContains(item, "5: optional string note");
        assertContains(item, "6: map<string, list<i64>> history");
        assertContains(WAREHOUSE, "/** Java record io.parley.idl.generator.fixtures.Warehouse.Item. */\nstruct Item {");
    }

    @Test
    void enumKeepsItsWireValues() {
        String category = block("enum Category");
        assertContains(category, "FOOD = 0,");
        assertContains(category, "TOOLS = 1,");
        assertContains(category, "TOYS = 10,");
    }

    @Test
    void declaredExceptionsBecomeExceptionsInTheirThrowsOrder() {
        assertContains(block("exception NotFound"), "1: string message");
        assertContains(WAREHOUSE, "Shipment ship(1: Item item, 5: i32 quantity, 3: Duration within) "
                + "throws (1: NotFound notFound, 2: OutOfStock outOfStock)");
    }

    @Test
    void serviceExtendsTheRemoteInterfaceItExtends() {
        assertContains(WAREHOUSE, "service Pingable {");
        assertContains(WAREHOUSE, "service Warehouse extends Pingable {");
        assertEquals(1, count(WAREHOUSE, "string ping(1: string text)"), "ping is declared once, in Pingable");
        assertTrue(WAREHOUSE.indexOf("service Pingable") < WAREHOUSE.indexOf("service Warehouse"),
                "a base service comes before the service extending it");
    }

    @Test
    void onewayAsynchronousAndIdempotentMethods() {
        assertContains(WAREHOUSE, "oneway void audit(1: string line, 2: Instant at)");
        assertContains(WAREHOUSE, "map<string, Decimal> prices(1: set<Uuid> ids)");
        assertContains(WAREHOUSE, "Asynchronous in Java; the same call for other languages.");
        assertContains(WAREHOUSE, "list<Item> search(1: string text, 2: Category category, 3: i32 limit)");
        assertContains(WAREHOUSE, "Idempotent: safe to retry.");
    }

    @Test
    void javaTypesParleyMapsItselfAreAnnotatedTypedefsAndStructs() {
        assertContains(WAREHOUSE, "typedef string Uuid (parley.java = \"java.util.UUID\")");
        assertContains(WAREHOUSE, "typedef string Decimal (parley.java = \"java.math.BigDecimal\")");
        assertContains(WAREHOUSE, "typedef string Char (parley.java = \"char\")");
        assertContains(WAREHOUSE, "typedef double Float (parley.java = \"float\")");
        assertContains(block("struct Instant"), "1: i64 seconds");
        assertContains(block("struct Instant"), "2: i32 nanos");
        assertContains(WAREHOUSE, "} (parley.java = \"java.time.Instant\")");
        assertContains(WAREHOUSE, "} (parley.java = \"java.time.Duration\")");
        assertContains(WAREHOUSE, "binary photo(1: i64 from_, 2: Char size, 3: Float scale, 4: i16 kind, "
                + "5: i8 flags, 6: bool color)");
    }

    @Test
    void remoteRefStructAndAReferenceTypedefPerService() {
        String ref = block("struct RemoteRef");
        assertContains(ref, "1: string service_");
        assertContains(ref, "2: string objectId");
        assertContains(ref, "3: list<Endpoint> endpoints");
        assertContains(ref, "4: i64 incarnation");
        String endpoint = block("struct Endpoint");
        assertContains(endpoint, "1: string transport");
        assertContains(endpoint, "2: string host");
        assertContains(endpoint, "3: i32 port");
        assertContains(WAREHOUSE, "typedef RemoteRef WarehouseRef (parley.remote = \"Warehouse\")");
        assertContains(WAREHOUSE, "RemoteRef forward(1: RemoteRef other)");
        assertTrue(WAREHOUSE.indexOf("struct Endpoint") < WAREHOUSE.indexOf("struct RemoteRef"),
                "Endpoint comes before the struct that uses it");
    }

    @Test
    void reservedComponentNamesAreEscapedWithoutChangingIds() {
        String shipment = block("struct Shipment");
        assertContains(shipment, "1: i64 from_");
        assertContains(shipment, "2: Instant end_");
        assertContains(shipment, "3: string in_");
        assertContains(shipment, "4: set<Category> categories");
    }

    @Test
    void recursiveRecordRefersToItself() {
        assertContains(block("struct Node"), "2: list<Node> children");
    }

    @Test
    void typesWithTheSameSimpleNameGetDistinctNames() {
        String idl = IdlGenerator.builder().service(Catalog.class).build().generate();
        assertContains(idl, "/** Java record io.parley.idl.generator.fixtures.Warehouse.Item. */\nstruct Item {");
        assertContains(idl, "/** Java record io.parley.idl.generator.fixtures.other.Item. */\nstruct other_Item {");
        assertContains(idl, "other_Item lookup(1: Item item)");
    }

    @Test
    void serviceNameWithDotsGetsAnIdlNameAndKeepsItsWireName() {
        String idl = IdlGenerator.builder().service(Catalog.class).build().generate();
        assertContains(idl, "service shop_Catalog {");
        assertContains(idl, "} (parley.service = \"shop.Catalog\")");
        assertContains(idl, "service name is \"shop.Catalog#\" + objectId");
    }

    @Test
    void reservedMethodNameIsRefusedWithTheReason() {
        IdlGenerationException e = assertThrows(IdlGenerationException.class,
                () -> IdlGenerator.builder().service(Deleter.class).build().generate());
        assertEquals(1, e.problems().size());
        assertContains(e.getMessage(), "Deleter.delete: the method name 'delete' is reserved by the Thrift compiler");
    }

    @Test
    void overloadedMethodsAreRefused() {
        IdlGenerationException e = assertThrows(IdlGenerationException.class,
                () -> IdlGenerator.builder().service(Overloaded.class).build().generate());
        assertContains(e.getMessage(), "add: overloaded");
    }

    @Test
    void namespacesDefaultToTheJavaPackage() {
        assertContains(WAREHOUSE, "namespace java io.parley.idl.generator.fixtures\n");
        String idl = IdlGenerator.builder().service(Warehouse.class).namespace("py", "warehouse")
                .namespace("java", "com.acme.wh").build().generate();
        assertContains(idl, "namespace java com.acme.wh\nnamespace py warehouse\n");
    }

    @Test
    void writesTheFileCreatingItsDirectory(@TempDir Path dir) throws Exception {
        Path file = IdlGenerator.builder().service(Warehouse.class).build().writeTo(dir.resolve("a/b/w.thrift"));
        assertEquals(WAREHOUSE, Files.readString(file));
    }

    @Test
    void everyDefinitionHasADocComment() {
        Matcher definition = Pattern.compile("\n(struct|exception|enum|service|typedef) ").matcher(WAREHOUSE);
        int definitions = 0;
        while (definition.find()) {
            definitions++;
            String before = WAREHOUSE.substring(0, definition.start());
            assertTrue(before.endsWith("*/"), "no comment before " + WAREHOUSE.substring(definition.start(),
                    WAREHOUSE.indexOf('\n', definition.start() + 1)));
        }
        assertTrue(definitions > 10, "found only " + definitions + " definitions");
    }

    /** Two methods with one name. */
    @Remote
    public interface Overloaded {
        int add(int a, int b);

        long add(long a, long b);
    }

    private static String block(String start) {
        int from = WAREHOUSE.indexOf("\n" + start + " ");
        assertTrue(from >= 0, "no '" + start + "' in:\n" + WAREHOUSE);
        return WAREHOUSE.substring(from, WAREHOUSE.indexOf("\n}", from) + 2);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** Asserts that {@code text}, with its wrapped comment lines joined, contains {@code part}. */
    private static void assertContains(String text, String part) {
        String joined = text.replaceAll("\n *\\* (?!/)", " ");
        assertTrue(joined.contains(part), () -> "expected '" + part + "' in:\n" + text);
    }
}
