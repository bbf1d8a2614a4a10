package io.parley.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Calls;
import io.parley.DeadlineExceededException;
import io.parley.ErrorCode;
import io.parley.MethodNotFoundException;
import io.parley.Orb;
import io.parley.OrbException;
import io.parley.idl.generator.IdlGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parley calls existing Thrift servers: a plain Python Thrift server ({@code src/test/python/plain_server.py},
 * {@code TThreadedServer}, framed transport), built by {@code thrift --gen py} from the IDL Parley generated for
 * {@link Shop}, reached with {@code orb.connect("thrift://host:port…", Shop.class)}: multiplexed or not, compact or
 * binary protocol, with results, a declared exception, oneway, deadlines, interceptors and an unknown method.
 */
class ThriftServerTest {
    @TempDir
    static Path work;
    private static Path generated;
    private static Orb orb;
    /** What the client interceptor saw: service:method of every call. */
    private static final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void generatePythonServerAndStartClient() throws Exception {
        Path idl = IdlGenerator.builder().service(Shop.class).namespace("py", "shop").build()
                .writeTo(work.resolve("shop.thrift"));
        generated = ThriftTools.generate("py", idl, work.resolve("gen-py"));
        orb = Orb.builder().clientInterceptor(chain -> {
            seen.add(chain.context().service() + ":" + chain.context().method().name());
            // Metadata travels in an args field that plain Thrift servers skip: it must not disturb them.
            chain.context().put("tenant", "acme");
            return chain.proceed();
        }).build();
    }

    @AfterAll
    static void closeClient() {
        if (orb != null) {
            orb.close();
        }
    }

    @BeforeEach
    void forgetCalls() {
        seen.clear();
    }

    @Test
    @Timeout(90)
    void multiplexedServerOverCompactProtocol() throws Exception {
        try (PlainPythonServer server = new PlainPythonServer(generated, "multiplexed:Store", "compact")) {
            exercise("thrift://127.0.0.1:" + server.port() + "?service=Store", "Store", server);
        }
    }

    @Test
    @Timeout(90)
    void plainServerOverCompactProtocol() throws Exception {
        try (PlainPythonServer server = new PlainPythonServer(generated, "plain", "compact")) {
            exercise("thrift://127.0.0.1:" + server.port(), "Shop", server);
        }
    }

    @Test
    @Timeout(90)
    void plainServerOverBinaryProtocol() throws Exception {
        try (PlainPythonServer server = new PlainPythonServer(generated, "plain", "binary")) {
            exercise("thrift://127.0.0.1:" + server.port() + "?protocol=binary", "Shop", server);
        }
    }

    @Test
    @Timeout(90)
    void multiplexedServerOverBinaryProtocol() throws Exception {
        try (PlainPythonServer server = new PlainPythonServer(generated, "multiplexed:Store", "binary")) {
            exercise("thrift://127.0.0.1:" + server.port() + "?service=Store&protocol=binary", "Store", server);
        }
    }

    @Test
    void malformedUriIsAConfigurationError() {
        OrbException failure = assertThrows(OrbException.class,
                () -> orb.connect("thrift://127.0.0.1:7000?protocol=json", Shop.class));
        assertEquals(ErrorCode.INVALID_CONFIGURATION, failure.code());
    }

    private static void exercise(String uri, String service, PlainPythonServer server) throws Exception {
        Shop shop = orb.connect(uri, Shop.class);

        assertEquals(5, shop.add(2, 3), () -> "server output:\n" + server.output());
        assertEquals(new Shop.Item("apple", 5), shop.item("apple"));

        Shop.OutOfStock outOfStock = assertThrows(Shop.OutOfStock.class, () -> shop.item("unicorn"));
        assertEquals("no unicorn left", outOfStock.getMessage());

        shop.note("first");
        shop.note("second");
        // The server reads a connection's messages in order, so the oneway calls ran before this one.
        assertEquals(List.of("first", "second"), shop.notes());

        assertThrows(DeadlineExceededException.class,
                () -> Calls.withTimeout(Duration.ofMillis(200), () -> shop.slow(1500)));
        // Still usable: this call queues behind the slow one on the server, and its reply is told apart by sequence id.
        assertEquals(42, shop.add(40, 2));
        assertEquals("slept 10 ms", shop.slow(10));

        assertTrue(seen.contains(service + ":add") && seen.contains(service + ":note")
                && seen.contains(service + ":slow"), "the client interceptor saw every call: " + seen);

        Shop.WithMissingMethod missing = orb.connect(uri, Shop.WithMissingMethod.class);
        assertThrows(MethodNotFoundException.class, () -> missing.restock("apple"));
        assertEquals(7, shop.add(3, 4), "the connection stays usable after an unknown method");
    }
}
