package io.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Completion;
import io.parley.DeadlineExceededException;
import io.parley.Orb;
import io.parley.RemoteRef;
import io.parley.idl.ThriftCodec;
import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.MethodDescriptor;
import io.parley.spi.codec.DecodedReply;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cancel message and the deadline on the wire, from raw sockets writing what docs/architecture.md describes: a
 * oneway {@code parley.Cancel#~cancel:cancel(1: i32 sequenceId)}, which reaches only its own connection's calls. The
 * server runs servants on one thread, so that calls can be made to wait in its queue.
 */
@Timeout(60)
class CancelWireTest {
    private static final MethodDescriptor SLEEP = InterfaceDescriptor.of(Sleeper.class).method("sleep");
    private static final long THIRTY_SECONDS_MICROS = 30_000_000;

    private ExecutorService oneThread;
    private Orb server;
    private SleeperImpl servant;
    private String callName;
    private int port;

    @BeforeEach
    void start() {
        oneThread = Executors.newSingleThreadExecutor();
        server = Orb.builder().name("cancel-wire-server").sharedMemory(false).executor(oneThread)
                .shutdownTimeout(Duration.ofMillis(200)).build();
        servant = new SleeperImpl();
        RemoteRef ref = server.export(servant);
        callName = ref.service() + "#" + ref.objectId() + ":sleep";
        port = ref.endpoints().get(0).port();
    }

    @AfterEach
    void stop() {
        server.close();
        oneThread.shutdownNow();
    }

    @Test
    void aCancelForAnUnknownSequenceIdIsIgnored() throws Exception {
        try (RawFrames raw = new RawFrames(port)) {
            raw.sendFrame(cancel(1, 12_345));
            raw.sendFrame(sleep(2, "after-unknown-cancel", 1, THIRTY_SECONDS_MICROS));
            DecodedReply reply = read(raw);
            assertEquals(2, reply.sequenceId(), "the cancel itself is not answered");
            assertEquals("slept 1", reply.value());
        }
    }

    @Test
    void aCancelledCallIsInterruptedAndNotAnswered() throws Exception {
        try (RawFrames raw = new RawFrames(port)) {
            raw.sendFrame(sleep(5, "raw-cancelled", 20_000, THIRTY_SECONDS_MICROS));
            awaitOutcome("raw-cancelled", "running"::equals);
            raw.sendFrame(cancel(6, 5));
            assertEquals("interrupted, cancelled=true", awaitOutcome("raw-cancelled", o -> !o.equals("running")));
            raw.sendFrame(sleep(7, "after-cancelled", 1, THIRTY_SECONDS_MICROS));
            DecodedReply reply = read(raw);
            assertEquals(7, reply.sequenceId(), "no answer was sent for the cancelled call 5");
            assertEquals("slept 1", reply.value());
        }
    }

    @Test
    void aCancelReachesOnlyTheCallsOfItsOwnConnection() throws Exception {
        try (RawFrames caller = new RawFrames(port); RawFrames other = new RawFrames(port)) {
            caller.sendFrame(sleep(9, "not-theirs", 400, THIRTY_SECONDS_MICROS));
            awaitOutcome("not-theirs", "running"::equals);
            other.sendFrame(cancel(1, 9));
            DecodedReply reply = read(caller);
            assertEquals(9, reply.sequenceId());
            assertEquals("slept 400", reply.value(), "a cancel from another connection changes nothing");
        }
    }

    @Test
    void aStandardThriftClientsCallWithoutDeadlineIsUnaffected() throws Exception {
        try (RawFrames plain = new RawFrames(port)) {
            plain.sendFrame(sleep(3, "plain", 300, 0));
            awaitOutcome("plain", "running"::equals);
            // No standard client sends this; even so, a call without a deadline is not cancellable.
            plain.sendFrame(cancel(4, 3));
            DecodedReply reply = read(plain);
            assertEquals(3, reply.sequenceId());
            assertEquals("slept 300", reply.value());
            assertEquals("slept", servant.outcome("plain"));
        }
    }

    @Test
    void aCallQueuedPastItsDeadlineIsAnsweredDeadlineExceededWithoutRunning() throws Exception {
        try (RawFrames raw = new RawFrames(port)) {
            raw.sendFrame(sleep(1, "busy", 500, THIRTY_SECONDS_MICROS));
            awaitOutcome("busy", "running"::equals);
            raw.sendFrame(sleep(2, "late", 1, TimeUnit.MILLISECONDS.toMicros(100)));
            DecodedReply first = read(raw);
            assertEquals(1, first.sequenceId());
            assertEquals("slept 500", first.value());
            DecodedReply second = read(raw);
            assertEquals(2, second.sequenceId());
            assertNull(second.value());
            DeadlineExceededException abandoned = assertInstanceOf(DeadlineExceededException.class, second.failure());
            assertEquals(Completion.NO, abandoned.completion(), "the servant did not run");
            assertTrue(abandoned.getMessage().contains("abandoned"), abandoned.getMessage());
            assertEquals("never ran", servant.outcome("late"));
        }
    }

    /** {@code Sleeper.sleep(tag, millis)} as a client writes it; with a deadline unless {@code timeoutMicros} is 0. */
    private byte[] sleep(int sequenceId, String tag, int millis, long timeoutMicros) {
        return RawFrames.compact(RawFrames.unchecked(p -> {
            p.writeMessageBegin(new TMessage(callName, TMessageType.CALL, sequenceId));
            p.writeStructBegin(new TStruct("sleep_args"));
            p.writeFieldBegin(new TField("tag", TType.STRING, (short) 1));
            p.writeString(tag);
            p.writeFieldEnd();
            p.writeFieldBegin(new TField("millis", TType.I32, (short) 2));
            p.writeI32(millis);
            p.writeFieldEnd();
            if (timeoutMicros > 0) {
                p.writeFieldBegin(new TField("metadata", TType.STRUCT, (short) 32767));
                p.writeStructBegin(new TStruct("metadata"));
                p.writeFieldBegin(new TField("timeoutMicros", TType.I64, (short) 1));
                p.writeI64(timeoutMicros);
                p.writeFieldEnd();
                p.writeFieldStop();
                p.writeStructEnd();
                p.writeFieldEnd();
            }
            p.writeFieldStop();
            p.writeStructEnd();
            p.writeMessageEnd();
        }));
    }

    /** The cancel message for call {@code cancelled} of the same connection. */
    private static byte[] cancel(int sequenceId, int cancelled) {
        return RawFrames.compact(RawFrames.unchecked(p -> {
            p.writeMessageBegin(new TMessage("parley.Cancel#~cancel:cancel", TMessageType.ONEWAY, sequenceId));
            p.writeStructBegin(new TStruct("cancel_args"));
            p.writeFieldBegin(new TField("sequenceId", TType.I32, (short) 1));
            p.writeI32(cancelled);
            p.writeFieldEnd();
            p.writeFieldStop();
            p.writeStructEnd();
            p.writeMessageEnd();
        }));
    }

    private static DecodedReply read(RawFrames raw) throws Exception {
        return new ThriftCodec().decodeReply(ByteBuffer.wrap(raw.readFrame()), sequenceId -> SLEEP);
    }

    private String awaitOutcome(String tag, Predicate<String> accept) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String outcome = servant.outcome(tag);
        while (!accept.test(outcome)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("outcome of '" + tag + "' still '" + outcome + "' after 5 s");
            }
            Thread.sleep(5);
            outcome = servant.outcome(tag);
        }
        return outcome;
    }
}
