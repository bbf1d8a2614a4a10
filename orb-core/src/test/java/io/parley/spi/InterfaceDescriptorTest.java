package io.parley.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Id;
import io.parley.Idempotent;
import io.parley.InvalidRemoteInterfaceException;
import io.parley.Oneway;
import io.parley.Remote;
import io.parley.Timeout;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InterfaceDescriptorTest {

    public record Point(int x, @Id(5) int y) {
    }

    public static class NotFound extends Exception {
        public NotFound(String message) {
            super(message);
        }
    }

    @Remote(name = "Geo")
    @Timeout(2000)
    public interface Geometry {
        Point move(Point p, int dx);

        @Idempotent
        @Timeout(50)
        List<Point> path(Map<String, Point> named, Optional<String> label) throws NotFound, IOException;

        CompletableFuture<Void> later();

        @Oneway
        void log(String line);

        default String local() {
            return "local";
        }
    }

    @Test
    void describesMethodsSortedByNameWithTheirOptions() {
        InterfaceDescriptor geo = InterfaceDescriptor.of(Geometry.class);
        assertEquals("Geo", geo.serviceName());
        assertEquals(List.of("later", "log", "move", "path"), geo.methods().stream().map(MethodDescriptor::name)
                .toList());
        MethodDescriptor path = geo.method("path");
        assertEquals(3, path.index());
        assertTrue(path.isIdempotent());
        assertEquals(50, path.timeoutMillis());
        assertEquals(2000, geo.method("move").timeoutMillis());
        assertEquals(List.of(1, 2), path.parameters().stream().map(ParameterDescriptor::id).toList());
        assertEquals(ValueType.Kind.MAP, path.parameters().get(0).type().kind());
        assertEquals(ValueType.Kind.OPTIONAL, path.parameters().get(1).type().kind());
        assertEquals(List.of(1, 2), path.exceptions().stream().map(ExceptionDescriptor::id).toList());
        assertTrue(geo.method("later").isAsync());
        assertEquals(ValueType.Kind.VOID, geo.method("later").result().kind());
        assertTrue(geo.method("log").isOneway());
        assertNull(geo.method("local"), "default methods stay local");
        assertSame(geo, InterfaceDescriptor.of(Geometry.class), "descriptors are cached");
    }

    @Test
    void recordFieldIdsFollowDeclarationOrderUnlessPinned() {
        ValueType point = InterfaceDescriptor.of(Geometry.class).method("move").result();
        assertEquals(ValueType.Kind.RECORD, point.kind());
        assertEquals(List.of(1, 5), point.fields().stream().map(ValueType.Field::id).toList());
    }

    public enum Color { RED, @Id(10) GREEN }

    public record Tree(String label, List<Tree> children, Color color) {
    }

    @Remote
    public interface Trees {
        Tree grow(Tree seed);
    }

    @Test
    void recursiveRecordsAndPinnedEnumValuesAreDescribed() {
        ValueType tree = InterfaceDescriptor.of(Trees.class).method("grow").result();
        assertSame(tree, tree.fields().get(1).type().element(), "a recursive record refers to itself");
        ValueType color = tree.fields().get(2).type();
        assertEquals(0, color.valueOf(Color.RED));
        assertEquals(10, color.valueOf(Color.GREEN));
        assertEquals(Color.GREEN, color.enumOf(10));
        assertNull(color.enumOf(1));
    }

    public static class NoMessageConstructor extends Exception {
        public NoMessageConstructor(int code) {
            super(String.valueOf(code));
        }
    }

    public record Duplicate(@Id(1) int a, @Id(1) int b) {
    }

    @Remote
    public interface Broken {
        int over(int a);

        int over(String a);

        @Oneway
        int onewayWithResult();

        Object notAValue();

        Future<String> wrongFuture();

        void arrays(int[] values, List<Optional<String>> nested);

        void badException() throws NoMessageConstructor;

        void duplicateIds(Duplicate d, @Id(0) int zero);
    }

    @Test
    void everyProblemIsReportedAtOnceNamingTheMethod() {
        InvalidRemoteInterfaceException e = assertThrows(InvalidRemoteInterfaceException.class,
                () -> InterfaceDescriptor.of(Broken.class));
        List<String> problems = e.problems();
        assertContains(problems, "over: overloaded");
        assertContains(problems, "onewayWithResult: @Oneway methods return void");
        assertContains(problems, "notAValue result: java.lang.Object is not a value type");
        assertContains(problems, "wrongFuture: returns Future; asynchronous methods return CompletableFuture");
        assertContains(problems, "arrays parameter values: arrays other than byte[] are not value types");
        assertContains(problems, "Optional may not be a collection element");
        assertContains(problems, "declared exception " + NoMessageConstructor.class.getName());
        assertContains(problems, "record Duplicate.b: @Id 1 is used twice");
        assertContains(problems, "duplicateIds parameter zero: @Id 0 is out of range");
        assertEquals(9, problems.size(), String.join("\n", problems));
        assertTrue(e.getMessage().startsWith(Broken.class.getName() + " is not a valid remote interface (9 problems)"));
    }

    interface NotAnnotated {
        void x();
    }

    @Test
    void interfacesMustBePublicAndAnnotated() {
        InvalidRemoteInterfaceException e = assertThrows(InvalidRemoteInterfaceException.class,
                () -> InterfaceDescriptor.of(NotAnnotated.class));
        assertContains(e.problems(), "must be public");
        assertContains(e.problems(), "not annotated @Remote");
        assertFalse(InterfaceDescriptor.isRemote(NotAnnotated.class));
    }

    private static void assertContains(List<String> problems, String expected) {
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)),
                "expected a problem containing '" + expected + "' in:\n" + String.join("\n", problems));
    }
}
