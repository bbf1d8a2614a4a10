package io.parley.it;

import static io.parley.it.RawFrames.compact;
import static io.parley.it.RawFrames.unchecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Orb;
import io.parley.RemoteRef;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryInputTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Malformed input over raw sockets: each bad connection or message fails alone, without large allocations, while a
 * well-behaved client keeps calling the same server.
 */
@Timeout(60)
class BadInputTest {
    private Orb server;
    private Orb client;
    private int port;
    private Shop shop;
    private final AtomicBoolean loadRunning = new AtomicBoolean(true);
    private final AtomicInteger goodCalls = new AtomicInteger();
    private CompletableFuture<Void> load;

    @BeforeEach
    void start() {
        server = Orb.builder().name("bad-input-server").build();
        RemoteRef ref = server.export(new ShopImpl());
        port = ref.endpoints().get(0).port();
        client = Orb.builder().name("good-client").build();
        shop = client.connect(ref, Shop.class);
        load = CompletableFuture.runAsync(() -> {
            while (loadRunning.get()) {
                if (shop.add(20, 22) != 42) {
                    throw new AssertionError("wrong answer under bad input");
                }
                goodCalls.incrementAndGet();
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        loadRunning.set(false);
        load.get(10, TimeUnit.SECONDS);
        client.close();
        server.close();
    }

    @Test
    void hugeLengthPrefixClosesOnlyThatConnection() throws Exception {
        long heapBefore = usedHeap();
        try (RawFrames raw = new RawFrames(port)) {
            raw.sendFrame(Integer.MAX_VALUE, new byte[16]);
            assertTrue(raw.closedByServer(), "a 2 GiB frame must close the connection");
        }
        assertTrue(usedHeap() - heapBefore < 256L * 1024 * 1024, "no large allocation for the claimed length");
        assertGoodClientStillServed();
    }

    @Test
    void negativeLengthPrefixClosesOnlyThatConnection() throws Exception {
        try (RawFrames raw = new RawFrames(port)) {
            raw.sendFrame(-5, new byte[16]);
            assertTrue(raw.closedByServer());
        }
        assertGoodClientStillServed();
    }

    @Test
    void garbageWithoutAThriftHeaderClosesOnlyThatConnection() throws Exception {
        try (RawFrames raw = new RawFrames(port)) {
            raw.sendFrame(new byte[] {0x13, 0x37, 0x00, 0x42, 0x7f, 0x01, 0x02});
            assertTrue(raw.closedByServer());
        }
        assertGoodClientStillServed();
    }

    @Test
    void hugeContainerCountFailsThatCallWithProtocolErrorAndKeepsTheConnection() throws Exception {
        byte[] lyingCall = compact(unchecked(p -> {
            p.writeMessageBegin(new TMessage("Shop#shop:sum", TMessageType.CALL, 77));
            p.writeStructBegin(new TStruct("sum_args"));
            p.writeFieldBegin(new TField("values", TType.LIST, (short) 1));
            p.writeListBegin(new TList(TType.I64, Integer.MAX_VALUE));
            p.writeI64(1);
        }));
        try (RawFrames raw = new RawFrames(port)) {
            raw.sendFrame(lyingCall);
            TApplicationException error = readException(raw.readFrame(), 77);
            assertEquals(TApplicationException.PROTOCOL_ERROR, error.getType(), error.getMessage());
            // Same connection, a well-formed call: still answered.
            raw.sendFrame(sumCall(78, List.of(1L, 2L, 3L)));
            assertEquals(6L, readSum(raw.readFrame(), 78));
        }
        assertGoodClientStillServed();
    }

    @Test
    void unknownObjectAndMethodGetUnknownMethodAndKeepTheConnection() throws Exception {
        try (RawFrames raw = new RawFrames(port)) {
            raw.sendFrame(emptyCall("Shop#nobody:add", 5));
            assertEquals(TApplicationException.UNKNOWN_METHOD, readException(raw.readFrame(), 5).getType());
            raw.sendFrame(emptyCall("Shop#shop:nothing", 6));
            assertEquals(TApplicationException.UNKNOWN_METHOD, readException(raw.readFrame(), 6).getType());
            raw.sendFrame(sumCall(7, List.of(40L, 2L)));
            assertEquals(42L, readSum(raw.readFrame(), 7));
        }
    }

    private void assertGoodClientStillServed() throws InterruptedException {
        int before = goodCalls.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (goodCalls.get() < before + 50) {
            assertTrue(System.nanoTime() < deadline, "the good client stopped being served");
            assertTrue(!load.isCompletedExceptionally(), "the good client's calls failed");
            Thread.sleep(5);
        }
    }

    private static byte[] emptyCall(String name, int sequenceId) {
        return compact(unchecked(p -> {
            p.writeMessageBegin(new TMessage(name, TMessageType.CALL, sequenceId));
            p.writeStructBegin(new TStruct("args"));
            p.writeFieldStop();
            p.writeStructEnd();
            p.writeMessageEnd();
        }));
    }

    private static byte[] sumCall(int sequenceId, List<Long> values) {
        return compact(unchecked(p -> {
            p.writeMessageBegin(new TMessage("Shop#shop:sum", TMessageType.CALL, sequenceId));
            p.writeStructBegin(new TStruct("sum_args"));
            p.writeFieldBegin(new TField("values", TType.LIST, (short) 1));
            p.writeListBegin(new TList(TType.I64, values.size()));
            for (long value : values) {
                p.writeI64(value);
            }
            p.writeListEnd();
            p.writeFieldEnd();
            p.writeFieldStop();
            p.writeStructEnd();
            p.writeMessageEnd();
        }));
    }

    private static TApplicationException readException(byte[] frame, int sequenceId) throws Exception {
        TCompactProtocol in = new TCompactProtocol(new TMemoryInputTransport(frame));
        TMessage message = in.readMessageBegin();
        assertEquals(TMessageType.EXCEPTION, message.type, "expected an EXCEPTION reply");
        assertEquals(sequenceId, message.seqid);
        return TApplicationException.readFrom(in);
    }

    private static long readSum(byte[] frame, int sequenceId) throws Exception {
        TCompactProtocol in = new TCompactProtocol(new TMemoryInputTransport(frame));
        TMessage message = in.readMessageBegin();
        assertEquals(TMessageType.REPLY, message.type);
        assertEquals(sequenceId, message.seqid);
        assertEquals("sum", message.name, "replies carry the bare method name");
        in.readStructBegin();
        TField field = in.readFieldBegin();
        assertEquals(0, field.id, "field 0 is the success value");
        return in.readI64();
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
