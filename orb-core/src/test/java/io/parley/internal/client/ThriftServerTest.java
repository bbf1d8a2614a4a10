package io.parley.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parley.Endpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code thrift://} URI of a plain Thrift server. */
class ThriftServerTest {

    @Test
    void multiplexedWithDefaultCompactProtocol() {
        ThriftServer server = ThriftServer.parse("thrift://example.org:9090?service=Store");
        assertEquals(new ThriftServer("example.org", 9090, "Store", "compact"), server);
        assertEquals(List.of(Endpoint.tcp("example.org", 9090)), server.endpoints());
        assertEquals("thrift://example.org:9090?service=Store", server.toString());
    }

    @Test
    void notMultiplexedInBinaryProtocol() {
        ThriftServer server = ThriftServer.parse("thrift://127.0.0.1:7000?protocol=binary");
        assertNull(server.service());
        assertEquals("binary", server.protocol());
        assertEquals("thrift://127.0.0.1:7000?protocol=binary", server.toString());
        assertEquals(server, ThriftServer.parse("thrift://127.0.0.1:7000/?protocol=binary"));
    }

    @Test
    void malformedUrisAreRefused() {
        for (String uri : List.of("thrift://host", "thrift://host:x", "thrift://host:0", "thrift://:7000",
                "thrift://host:7000/path", "thrift://host:7000?service=", "thrift://host:7000?service=a:b",
                "thrift://host:7000?protocol=json", "thrift://host:7000?colour=red", "parley://host:7000")) {
            assertThrows(IllegalArgumentException.class, () -> ThriftServer.parse(uri), uri);
        }
    }
}
