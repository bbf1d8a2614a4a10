package io.parley.it;

import static io.parley.it.RawFrames.compact;
import static io.parley.it.RawFrames.unchecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.CallContext;
import io.parley.Calls;
import io.parley.Completion;
import io.parley.ErrorCode;
import io.parley.Interceptor;
import io.parley.Orb;
import io.parley.OrbException;
import io.parley.RemoteFailureException;
import io.parley.RemoteRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryInputTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Client and server interceptor chains: order, metadata, short-circuits, failures, and the chain's contract. */
@org.junit.jupiter.api.Timeout(60)
class InterceptorsTest {
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final HopImpl servant = new HopImpl();
    private Orb server;
    private Orb client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** An interceptor that writes what it sees to the shared log. */
    private Interceptor recording(String name) {
        return chain -> {
            log.add(name + " before " + chain.context().method().name());
            try {
                Object result = chain.proceed();
                log.add(name + " after " + result);
                return result;
            } catch (Throwable failure) {
                log.add(name + " failed " + failure.getClass().getSimpleName());
                throw failure;
            }
        };
    }

    private Hop connect(Orb.Builder serverBuilder, Orb.Builder clientBuilder) {
        server = serverBuilder.name("interceptors-server").build();
        RemoteRef ref = server.export(servant);
        client = clientBuilder.name("interceptors-client").build();
        return client.connect(ref, Hop.class);
    }

    @Test
    void interceptorsRunInRegistrationOrderOnBothSides() throws Exception {
        Hop hop = connect(Orb.builder().serverInterceptor(recording("s1")).serverInterceptor(recording("s2")),
                Orb.builder().clientInterceptor(recording("c1")).clientInterceptor(recording("c2")));
        assertEquals(9, hop.square(3));
        assertEquals(List.of("c1 before square", "c2 before square", "s1 before square", "s2 before square",
                "s2 after 9", "s1 after 9", "c2 after 9", "c1 after 9"), log);
    }

    @Test
    void interceptorsSeeTheFailureAndTheCallerGetsItUnchanged() {
        Hop hop = connect(Orb.builder().serverInterceptor(recording("s1")),
                Orb.builder().clientInterceptor(recording("c1")));
        Hop.Refused refused = assertThrows(Hop.Refused.class, () -> hop.square(-2));
        assertEquals("negative: -2", refused.getMessage());
        assertEquals(List.of("c1 before square", "s1 before square", "s1 failed Refused", "c1 failed Refused"), log);
    }

    @Test
    void metadataSetOnTheClientIsReadOnTheServerWithPeerAndDeadline() {
        List<String> serverSaw = Collections.synchronizedList(new ArrayList<>());
        Hop hop = connect(Orb.builder().serverInterceptor(chain -> {
            CallContext context = chain.context();
            serverSaw.add(context.side() + " " + context.service() + "." + context.method().name() + " peer "
                    + context.peer() + " tenant " + context.get("tenant"));
            return chain.proceed();
        }), Orb.builder().clientInterceptor(chain -> {
            assertEquals(CallContext.Side.CLIENT, chain.context().side());
            assertTrue(chain.context().peer().startsWith("parley://127.0.0.1:"), chain.context().peer());
            chain.context().put("tenant", "acme").put("blob", new byte[] {1, 2, 3});
            return chain.proceed();
        }));
        assertEquals("acme", hop.seen("tenant"));
        assertEquals("bytes:3", hop.seen("blob"));
        assertEquals("none", hop.seen("absent"));
        assertEquals(3, serverSaw.size());
        assertTrue(serverSaw.get(0).startsWith("SERVER Hop.seen peer "), serverSaw.get(0));
        // The caller's address: host and port over TCP, the process over shared memory.
        assertTrue(!serverSaw.get(0).contains("peer null") && !serverSaw.get(0).contains("peer  "), serverSaw.get(0));
        assertTrue(serverSaw.get(0).endsWith("tenant acme"), serverSaw.get(0));

        long remaining = Calls.withTimeout(Duration.ofSeconds(3), hop::remainingMillis);
        assertTrue(remaining > 1_000 && remaining <= 3_000, "the server saw " + remaining + " ms left");
    }

    @Test
    void clientInterceptorShortCircuitsWithoutSending() throws Exception {
        Hop hop = connect(Orb.builder(), Orb.builder().clientInterceptor(recording("outer")).clientInterceptor(
                chain -> chain.context().method().name().equals("square") ? 42 : chain.proceed()));
        assertEquals(42, hop.square(3));
        assertEquals(0, servant.calls.get(), "the servant was never called");
        assertEquals(List.of("outer before square", "outer after 42"), log);
        assertEquals("none", hop.seen("x"), "other methods still go through");
    }

    @Test
    void serverInterceptorRefusesACallWithItsErrorCode() {
        Hop hop = connect(Orb.builder().serverInterceptor(chain -> {
            if (chain.context().get("token") == null) {
                throw new OrbException(ErrorCode.UNAUTHORIZED, Completion.NO, "no token on "
                        + chain.context().method());
            }
            return chain.proceed();
        }), Orb.builder().clientInterceptor(recording("c1")));
        OrbException e = assertThrows(OrbException.class, () -> hop.square(3));
        assertEquals(ErrorCode.UNAUTHORIZED, e.code());
        assertEquals(Completion.NO, e.completion());
        assertTrue(e.getMessage().contains("no token"), e.getMessage());
        assertEquals(0, servant.calls.get());
        assertEquals(List.of("c1 before square", "c1 failed OrbException"), log);
    }

    @Test
    void clientInterceptorProceedingTwiceGetsAClearError() {
        Hop hop = connect(Orb.builder(), Orb.builder().clientInterceptor(new ProceedsTwice()));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> hop.square(3));
        assertTrue(e.getMessage().contains("client interceptor 1 of 1 (" + ProceedsTwice.class.getName() + ")"),
                e.getMessage());
        assertTrue(e.getMessage().contains("proceed() more than once"), e.getMessage());
        assertEquals(1, servant.calls.get(), "the first proceed() went through, the second did not");
    }

    @Test
    void serverInterceptorProceedingTwiceFailsTheCallWithAClearError() {
        Hop hop = connect(Orb.builder().serverInterceptor(recording("s1")).serverInterceptor(new ProceedsTwice()),
                Orb.builder());
        RemoteFailureException e = assertThrows(RemoteFailureException.class, () -> hop.square(3));
        assertEquals(IllegalStateException.class.getName(), e.remoteClassName());
        assertTrue(e.remoteMessage().contains("server interceptor 2 of 2 (" + ProceedsTwice.class.getName() + ")"),
                e.remoteMessage());
        assertEquals(1, servant.calls.get());
    }

    @Test
    void interceptorReturningNullForAPrimitiveResultIsNamed() {
        Hop hop = connect(Orb.builder(), Orb.builder().clientInterceptor(chain -> null));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> hop.square(3));
        assertTrue(e.getMessage().contains("client interceptor 1 of 1") && e.getMessage().contains("returned null"),
                e.getMessage());
    }

    @Test
    void asynchronousCallsPassTheirFutureThroughTheChains() throws Exception {
        Hop hop = connect(Orb.builder().serverInterceptor(recording("s1")),
                Orb.builder().clientInterceptor(chain -> {
                    Object future = chain.proceed();
                    log.add("c1 got " + future.getClass().getSimpleName());
                    return future;
                }));
        CompletableFuture<Integer> result = hop.squareLater(4);
        assertEquals(16, result.get(10, TimeUnit.SECONDS));
        // The client's interceptor returns once the call is sent, so its entry may come before or after the server's.
        List<String> seen = List.copyOf(log);
        assertEquals(3, seen.size(), seen.toString());
        assertTrue(seen.contains("c1 got CallFuture"), seen.toString());
        assertTrue(seen.indexOf("s1 before squareLater") >= 0
                && seen.indexOf("s1 before squareLater") < indexStartingWith(seen, "s1 after "), seen.toString());
    }

    @Test
    void standardThriftClientIsServedThroughTheInterceptorsWithoutMetadataOrDeadline() throws Exception {
        List<String> serverSaw = Collections.synchronizedList(new ArrayList<>());
        server = Orb.builder().name("interceptors-server").serverInterceptor(chain -> {
            serverSaw.add("metadata " + chain.context().metadata() + " deadline "
                    + chain.context().timeRemaining().isPresent());
            return chain.proceed();
        }).build();
        RemoteRef ref = server.export(servant);
        byte[] call = compact(unchecked(p -> {
            p.writeMessageBegin(new TMessage("Hop#" + ref.objectId() + ":seen", TMessageType.CALL, 7));
            p.writeStructBegin(new TStruct("seen_args"));
            p.writeFieldBegin(new TField("key", TType.STRING, (short) 1));
            p.writeString("tenant");
            p.writeFieldEnd();
            p.writeFieldStop();
            p.writeStructEnd();
            p.writeMessageEnd();
        }));
        try (RawFrames raw = new RawFrames(server.endpoint().orElseThrow().port())) {
            raw.sendFrame(call);
            TCompactProtocol in = new TCompactProtocol(new TMemoryInputTransport(raw.readFrame()));
            TMessage reply = in.readMessageBegin();
            assertEquals(TMessageType.REPLY, reply.type);
            assertEquals(7, reply.seqid);
            in.readStructBegin();
            TField success = in.readFieldBegin();
            assertEquals(0, success.id);
            assertEquals("none", in.readString());
        }
        assertEquals(List.of("metadata {} deadline false"), serverSaw);
    }

    @Test
    void callsWithoutInterceptorsHaveAServerContextAllTheSame() {
        Hop hop = connect(Orb.builder(), Orb.builder());
        assertEquals("none", hop.seen("tenant"));
        assertTrue(hop.remainingMillis() > 0, "the caller's default deadline reached the server");
    }

    private static int indexStartingWith(List<String> entries, String prefix) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** Breaks the contract: proceeds twice. */
    static final class ProceedsTwice implements Interceptor {
        @Override
        public Object intercept(Chain chain) throws Throwable {
            chain.proceed();
            return chain.proceed();
        }
    }
}
