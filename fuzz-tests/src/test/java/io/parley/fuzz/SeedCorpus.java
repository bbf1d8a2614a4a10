package io.parley.fuzz;

import io.parley.Completion;
import io.parley.ErrorCode;
import io.parley.OrbException;
import io.parley.RemoteFailureException;
import io.parley.idl.ThriftCodec;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.codec.InboundCall;
import io.parley.spi.codec.MessageHeader;
import io.parley.spi.codec.MessageType;
import io.parley.spi.codec.OutboundCall;
import io.parley.transport.shm.internal.ShmLayout;
import io.parley.transport.shm.internal.ShmRing;
import io.parley.fuzz.SampleModel.Address;
import io.parley.fuzz.SampleModel.Customer;
import io.parley.fuzz.SampleModel.Item;
import io.parley.fuzz.SampleModel.NotFound;
import io.parley.fuzz.SampleModel.Order;
import io.parley.fuzz.SampleModel.Refused;
import io.parley.fuzz.SampleModel.Status;
import io.parley.fuzz.SampleModel.Tree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Writes the seed inputs of the fuzz tests: well-formed messages that the real codec encodes for the sample
 * interfaces, frame streams made of them, ring contents that the real {@link ShmRing} producer writes, and a few
 * classic attacks (huge declared lengths and counts, deep nesting). Fuzzing starts from these instead of having to
 * discover the message format; regression runs replay them.
 *
 * <p>Run from {@code fuzz-tests} after {@code mvn test-compile} (see docs/fuzzing.md):
 * {@code java -cp target/test-classes:$(cat target/cp.txt) io.parley.fuzz.SeedCorpus src/test/resources}. Files
 * whose name starts with {@code seed-} are rewritten; others (findings) are left alone.
 */
public final class SeedCorpus {
    private static final ThriftCodec CODEC = new ThriftCodec();

    private final Path resources;

    private SeedCorpus(Path resources) {
        this.resources = resources;
    }

    public static void main(String[] args) throws IOException {
        SeedCorpus corpus = new SeedCorpus(Path.of(args.length > 0 ? args[0] : "src/test/resources"));
        List<byte[]> calls = corpus.calls();
        corpus.replies();
        corpus.frameStreams(calls);
        corpus.rings();
        corpus.producerSeeds();
    }

    // ---- Thrift messages ----

    private static Order order() {
        Address address = new Address("1 Main St", Optional.of("12345"), List.of("c/o Ada", "3rd floor"));
        Customer customer = new Customer(42, "Ada Lovelace", Status.ACTIVE, Optional.of(address),
                Map.of("loyalty", 7, "risk", -1), Set.of(Status.SUSPENDED, Status.CLOSED));
        List<Item> items = List.of(new Item("sku-1", 2, 9.99, 0.5f), new Item("sku-2", 1, Double.NaN, null));
        Map<String, List<Long>> tags = new LinkedHashMap<>();
        tags.put("batch", List.of(1L, Long.MIN_VALUE, Long.MAX_VALUE));
        tags.put("empty", List.of());
        return new Order(new UUID(1, 2), customer, items, tags, Instant.ofEpochSecond(1_700_000_000, 123),
                Optional.of(Duration.ofMillis(-1500)), new BigDecimal("12345.6789e-3"), 'é', (short) -3, (byte) 7,
                true, Map.of(Status.ACTIVE, Set.of("a", "b")));
    }

    private static Tree tree(int depth) {
        if (depth == 0) {
            return new Tree("leaf", List.of(), Optional.empty());
        }
        return new Tree("node" + depth, List.of(tree(depth - 1), tree(depth - 1)),
                depth % 2 == 0 ? Optional.of(tree(depth - 1)) : Optional.empty());
    }

    /** One sample call of every method, with the arguments in declaration order. */
    private static Map<String, Object[]> sampleArguments() {
        Map<String, Object[]> arguments = new LinkedHashMap<>();
        arguments.put("place", new Object[] {order(), Optional.of("rush")});
        arguments.put("byStatus", new Object[] {Set.of(Status.ACTIVE, Status.CLOSED), 10});
        arguments.put("find", new Object[] {-5L});
        arguments.put("blob", new Object[] {new byte[] {0, 1, 2, (byte) 0xff}, (byte) -1, (short) 300, 'x', -0.0});
        arguments.put("log", new Object[] {"a log line ✓"});
        arguments.put("reset", new Object[] {});
        arguments.put("grow", new Object[] {tree(3), Map.of("one", tree(1)), List.of(List.of(1, 2), List.of())});
        arguments.put("prune", new Object[] {tree(2), Optional.of(3)});
        return arguments;
    }

    private static MethodDescriptor method(String name) {
        return SampleModel.METHODS.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    private static OutboundCall call(String name, Object[] arguments, String protocol, long timeoutMicros,
            Map<String, Object> metadata) {
        MethodDescriptor method = method(name);
        return new OutboundCall(SampleModel.METHODS.indexOf(method), method.owner().serviceName(),
                SampleModel.objectIdOf(method), method, arguments, timeoutMicros, metadata, null, protocol);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** Writes the call seeds and returns the compact ones, for the frame streams. */
    private List<byte[]> calls() throws IOException {
        Path dir = dir("ThriftCodecFuzzTestInputs/decodeCall");
        List<byte[]> compact = new ArrayList<>();
        for (Map.Entry<String, Object[]> entry : sampleArguments().entrySet()) {
            for (String protocol : List.of(ThriftCodec.COMPACT_NAME, ThriftCodec.BINARY_NAME)) {
                byte[] frame = bytes(CODEC.encodeCall(call(entry.getKey(), entry.getValue(), protocol, 0, Map.of())));
                write(dir, "seed-" + entry.getKey() + "-" + protocol, frame);
                if (protocol.equals(ThriftCodec.COMPACT_NAME)) {
                    compact.add(frame);
                }
            }
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("trace", "abc-123");
        metadata.put("token", new byte[] {9, 8, 7});
        for (String protocol : List.of(ThriftCodec.COMPACT_NAME, ThriftCodec.BINARY_NAME)) {
            write(dir, "seed-find-deadline-metadata-" + protocol,
                    bytes(CODEC.encodeCall(call("find", new Object[] {1L}, protocol, 250_000, metadata))));
        }
        // A call to an object that is not exported, and to a method the object does not have.
        write(dir, "seed-unknown-object", named("Shop#nobody:find", "find"));
        write(dir, "seed-unknown-method", named("Shop#shop:steal", "find"));
        write(dir, "seed-unknown-service", named("Bank#shop:find", "find"));

        // Classic attacks: a few bytes that declare a 2 GB string, a huge set, and nesting beyond any limit.
        byte[] log = bytes(CODEC.encodeCall(call("log", new Object[] {"hello"}, ThriftCodec.BINARY_NAME, 0,
                Map.of())));
        write(dir, "seed-attack-string-length", patchBefore(log, "hello".getBytes(StandardCharsets.UTF_8),
                Integer.MAX_VALUE));
        byte[] byStatus = bytes(CODEC.encodeCall(call("byStatus", new Object[] {Set.of(Status.CLOSED), 1},
                ThriftCodec.BINARY_NAME, 0, Map.of())));
        // set<i32> header: element type 8 (i32), then the count 1; the element that follows is CLOSED's id 7.
        write(dir, "seed-attack-set-count", patchBefore(byStatus, new byte[] {0, 0, 0, 7}, Integer.MAX_VALUE));
        write(dir, "seed-attack-deep-nesting", deeplyNested(200));
        return compact;
    }

    /** A compact call of {@code method} with no arguments, under a message name of our choosing. */
    private static byte[] named(String messageName, String method) {
        MethodDescriptor descriptor = method(method);
        OutboundCall call = new OutboundCall(1, descriptor.owner().serviceName(), SampleModel.SHOP_ID, descriptor,
                new Object[] {1L}, 0, Map.of(), messageName, ThriftCodec.COMPACT_NAME);
        return bytes(CODEC.encodeCall(call));
    }

    /** {@code message} with the big-endian int just before the first occurrence of {@code marker} replaced. */
    private static byte[] patchBefore(byte[] message, byte[] marker, int value) {
        for (int at = 4; at + marker.length <= message.length; at++) {
            if (Arrays.equals(message, at, at + marker.length, marker, 0, marker.length)) {
                byte[] patched = message.clone();
                ByteBuffer.wrap(patched).putInt(at - 4, value);
                return patched;
            }
        }
        throw new IllegalStateException("marker not found");
    }

    /** A compact call of {@code prune} whose tree nests {@code depth} levels through its optional shadow. */
    private static byte[] deeplyNested(int depth) {
        byte[] head = named("Forest#trees/main:prune", "find");
        // Keep the message header (up to and including the name), then write the args struct by hand.
        int nameEnd = indexOf(head, "prune".getBytes(StandardCharsets.UTF_8)) + "prune".length();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(head, 0, nameEnd);
        out.write(0x1c); // field 1 (tree), struct
        for (int i = 0; i < depth; i++) {
            out.write(0x3c); // field 3 (shadow), struct
        }
        for (int i = 0; i <= depth + 1; i++) {
            out.write(0); // stop
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte[] marker) {
        for (int at = 0; at + marker.length <= bytes.length; at++) {
            if (Arrays.equals(bytes, at, at + marker.length, marker, 0, marker.length)) {
                return at;
            }
        }
        throw new IllegalStateException("marker not found");
    }

    private void replies() throws IOException {
        Path dir = dir("ThriftCodecFuzzTestInputs/decodeReply");
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("place", order());
        results.put("byStatus", Map.of(Status.ACTIVE, List.of(order())));
        results.put("find", Optional.of(order().customer()));
        results.put("blob", new byte[] {1, 2, 3});
        results.put("reset", null);
        results.put("grow", List.of(tree(2), tree(0)));
        results.put("prune", tree(3));
        for (String protocol : List.of(ThriftCodec.COMPACT_NAME, ThriftCodec.BINARY_NAME)) {
            for (Map.Entry<String, Object> entry : results.entrySet()) {
                InboundCall call = inbound(entry.getKey(), protocol);
                write(dir, "seed-" + entry.getKey() + "-" + protocol, bytes(CODEC.encodeResult(call,
                        entry.getValue())));
            }
            InboundCall find = inbound("find", protocol);
            write(dir, "seed-find-notfound-" + protocol, bytes(CODEC.encodeDeclaredException(find,
                    find.method().exceptions().get(0), new NotFound("no customer 5"))));
            write(dir, "seed-find-refused-" + protocol, bytes(CODEC.encodeDeclaredException(find,
                    find.method().exceptions().get(1), new Refused("not today"))));
            write(dir, "seed-error-remote-failure-" + protocol, bytes(CODEC.encodeError(find.header(),
                    new RemoteFailureException("java.lang.IllegalStateException", "boom", "Shop.find"))));
            write(dir, "seed-error-protocol-" + protocol, bytes(CODEC.encodeError(find.header(),
                    new OrbException(ErrorCode.PROTOCOL_ERROR, Completion.NO, "bad call"))));
        }
    }

    /** The call the server would have decoded for {@code method}, as the encoder of its answer needs it. */
    private static InboundCall inbound(String method, String protocol) {
        MethodDescriptor descriptor = method(method);
        int sequenceId = SampleModel.METHODS.indexOf(descriptor); // what the fuzz test's pending calls expect
        MessageHeader header = new MessageHeader(messageName(descriptor), descriptor.isOneway()
                ? MessageType.ONEWAY : MessageType.CALL, sequenceId,
                protocol.equals(ThriftCodec.BINARY_NAME) ? ThriftCodec.BINARY : ThriftCodec.COMPACT);
        return new InboundCall(header, descriptor.owner().serviceName(), SampleModel.objectIdOf(descriptor),
                descriptor, new Object[descriptor.parameters().size()], 0);
    }

    /** A call's message name as Parley writes it. */
    private static String messageName(MethodDescriptor method) {
        return method.owner().serviceName() + "#" + SampleModel.objectIdOf(method) + ":" + method.name();
    }

    // ---- TCP frame streams: chunk seed, failing frame, then length-prefixed frames ----

    private void frameStreams(List<byte[]> calls) throws IOException {
        Path dir = dir("NettyFramingFuzzTestInputs/frames");
        byte[] three = stream(calls.subList(0, 3));
        write(dir, "seed-three-frames-one-chunk", prefixed(0, 255, three));
        write(dir, "seed-three-frames-small-chunks", prefixed(9, 255, three));
        write(dir, "seed-handler-fails-on-second", prefixed(0, 1, three));
        write(dir, "seed-empty-frames", prefixed(3, 255, stream(List.of(new byte[0], new byte[0], calls.get(4)))));
        write(dir, "seed-then-impossible-length", prefixed(5, 255, concat(stream(List.of(calls.get(1))),
                int32(Integer.MAX_VALUE), new byte[] {1, 2, 3})));
        write(dir, "seed-then-negative-length", prefixed(0, 255, concat(stream(List.of(calls.get(2))),
                int32(-1))));
        write(dir, "seed-incomplete-frame", prefixed(17, 255, concat(int32(60_000_000), new byte[64])));
        List<byte[]> many = new ArrayList<>();
        for (byte[] call : calls) {
            many.add(call);
        }
        write(dir, "seed-every-call", prefixed(33, 255, stream(many)));
        // Above the connection handler's copy limit (4096) a frame is handed over as a view of the read buffer.
        // Also raises libFuzzer's input size limit, which defaults to the largest seed (at least 4096).
        write(dir, "seed-large-frame", prefixed(40, 255, stream(List.of(filled(6000, 0x61), calls.get(0)))));
    }

    private static byte[] stream(List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            out.writeBytes(int32(frame.length));
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    private static byte[] prefixed(int chunkSeed, int failAt, byte[] stream) {
        return concat(new byte[] {(byte) chunkSeed, (byte) failAt}, stream);
    }

    private static byte[] int32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    // ---- shared-memory rings, as the real producer writes them ----

    private static final int CAPACITY = ShmLayout.MIN_CAPACITY;

    private void rings() throws IOException {
        Path dir = dir("ShmRingFuzzTestInputs/ringContents");
        write(dir, "seed-whole-frames", ring(0, 0, ring -> {
            write(ring, ShmLayout.WHOLE, 0, 0, filled(10, 1));
            write(ring, ShmLayout.WHOLE, 0, 0, filled(0, 0));
            write(ring, ShmLayout.WHOLE, 0, 0, filled(ring.maxPayload(), 3));
        }));
        write(dir, "seed-fragments-interleaved", ring(0x06, 0, ring -> {
            write(ring, ShmLayout.BEGIN, 7, 300, filled(100, 7));
            write(ring, ShmLayout.BEGIN, 9, 20, filled(10, 9));
            write(ring, ShmLayout.MIDDLE, 7, 100, filled(100, 7));
            write(ring, ShmLayout.WHOLE, 0, 0, filled(5, 1));
            write(ring, ShmLayout.END, 9, 10, filled(10, 9));
            write(ring, ShmLayout.END, 7, 200, filled(100, 7));
        }));
        // Near the end of the data area: a padding record, then the record at the start.
        write(dir, "seed-wraps-with-padding", ring(0x01, CAPACITY - 40, ring -> {
            write(ring, ShmLayout.WHOLE, 0, 0, filled(16, 2));
            write(ring, ShmLayout.WHOLE, 0, 0, filled(200, 4));
        }));
        // The peer writes a second frame after the first poll, and garbage while a record is handed over.
        byte[] first = ring(0x10, 0, ring -> write(ring, ShmLayout.WHOLE, 0, 0, filled(24, 5)));
        byte[] second = ringWrites(0, ring -> {
            write(ring, ShmLayout.WHOLE, 0, 0, filled(24, 5));
            write(ring, ShmLayout.WHOLE, 0, 0, filled(8, 6));
        });
        write(dir, "seed-peer-writes-later", concat(first, second));
        // A head position the peer left misaligned (found by fuzzing: it made the ring's atomic read throw
        // IllegalStateException instead of reporting corrupt shared memory).
        write(dir, "seed-misaligned-head", header(0, 0xffffffffffffff01L, 0));
    }

    /** Inputs of the producer's fuzz test: tail and head as the peer left them, then operations. */
    private void producerSeeds() throws IOException {
        Path dir = dir("ShmRingFuzzTestInputs/producerAgainstPeer");
        byte[] fill = {0, 100, 0, 0, (byte) 200, 1, 0, (byte) 248, 2, 0, 20, 3, 0, 0, 0};
        write(dir, "seed-writes-and-consumes", concat(positions(0, 0), fill, new byte[] {1}, fill));
        write(dir, "seed-writes-across-the-end", concat(positions(CAPACITY - 48, CAPACITY - 48), fill, fill));
        // The peer claims to have consumed more than was written, then moves the head back.
        write(dir, "seed-peer-head-lies", concat(positions(64, 64), new byte[] {0, 10, 0, 2},
                ByteBuffer.allocate(8).putLong(10_000).array(), fill, new byte[] {2},
                ByteBuffer.allocate(8).putLong(8).array(), fill));
    }

    private static byte[] positions(long tail, long head) {
        return ByteBuffer.allocate(16).putLong(tail).putLong(head).array();
    }

    private interface Producer {
        void write(ShmRing ring);
    }

    private static void write(ShmRing ring, int type, int message, int value, byte[] payload) {
        if (!ring.tryWrite(type, message, value, ByteBuffer.wrap(payload), 0, payload.length)) {
            throw new IllegalStateException("seed ring full");
        }
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    /** A fuzz input: options, the head at {@code position}, then the ring the producer wrote as initial writes. */
    private static byte[] ring(int options, long position, Producer producer) {
        List<byte[]> writes = writesOf(position, producer);
        return concat(header(options, position, writes.size()), concat(writes.toArray(new byte[0][])));
    }

    /** Only the writes of a ring the producer filled from {@code position}: to append to another input. */
    private static byte[] ringWrites(long position, Producer producer) {
        return concat(writesOf(position, producer).toArray(new byte[0][]));
    }

    private static byte[] header(int options, long head, int initialWrites) {
        return ByteBuffer.allocate(10).put((byte) options).putLong(head).put((byte) initialWrites).array();
    }

    /** The non-zero regions of the data area after {@code producer} wrote from {@code position}, as writes. */
    private static List<byte[]> writesOf(long position, Producer producer) {
        ByteBuffer shared = ByteBuffer.allocateDirect(ShmLayout.ringLength(CAPACITY));
        ByteBuffer trailer = shared.duplicate().order(ByteOrder.nativeOrder());
        trailer.putLong(CAPACITY + ShmLayout.TAIL_OFFSET, position);
        trailer.putLong(CAPACITY + ShmLayout.HEAD_OFFSET, position);
        producer.write(new ShmRing(shared, 0, CAPACITY));
        List<byte[]> writes = new ArrayList<>();
        int at = 0;
        while (at < CAPACITY) {
            if (shared.get(at) == 0) {
                at++;
                continue;
            }
            int start = at - at % ShmLayout.ALIGNMENT;
            int end = start;
            int zeros = 0;
            while (end < CAPACITY && zeros < 32) {
                zeros = shared.get(end) == 0 ? zeros + 1 : 0;
                end++;
            }
            end -= zeros;
            byte[] region = new byte[end - start];
            shared.get(start, region);
            writes.add(concat(ByteBuffer.allocate(4).putShort((short) start).putShort((short) region.length)
                    .array(), region));
            at = end;
        }
        return writes;
    }

    // ---- files ----

    private Path dir(String relative) throws IOException {
        Path dir = resources.resolve("io/parley/fuzz").resolve(relative);
        Files.createDirectories(dir);
        return dir;
    }

    private static void write(Path dir, String name, byte[] bytes) throws IOException {
        Files.write(dir.resolve(name), bytes);
    }
}
