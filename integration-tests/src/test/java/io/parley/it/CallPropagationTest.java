package io.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.Calls;
import io.parley.DeadlineExceededException;
import io.parley.Interceptor;
import io.parley.Orb;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a call passes on to the calls its servant makes, across three Orbs A → B → C: metadata when B asks for it,
 * and always the time left until A's deadline.
 */
@org.junit.jupiter.api.Timeout(60)
class CallPropagationTest {
    private final HopImpl b = new HopImpl();
    private final HopImpl c = new HopImpl();
    private Orb orbA;
    private Orb orbB;
    private Orb orbC;

    @AfterEach
    void stop() {
        for (Orb orb : new Orb[] {orbA, orbB, orbC}) {
            if (orb != null) {
                orb.close();
            }
        }
    }

    /** A (client only, its interceptor sets "trace" and "secret") → B (serverInterceptor, if any) → C. */
    private Hop chain(Interceptor bServerInterceptor, Duration aDefaultTimeout) {
        // The tests leave slow calls running on purpose; closing need not wait for them.
        orbC = Orb.builder().name("hop-c").shutdownTimeout(Duration.ofMillis(100)).build();
        Orb.Builder builderB = Orb.builder().name("hop-b").shutdownTimeout(Duration.ofMillis(100))
                .defaultTimeout(Duration.ofSeconds(60));
        if (bServerInterceptor != null) {
            builderB.serverInterceptor(bServerInterceptor);
        }
        orbB = builderB.build();
        b.next = orbB.connect(orbC.export(c), Hop.class);
        orbA = Orb.builder().name("hop-a").defaultTimeout(aDefaultTimeout).clientInterceptor(chain -> {
            chain.context().put("trace", "t-1").put("secret", "s3cr3t").put("span", new byte[] {9, 9});
            return chain.proceed();
        }).build();
        return orbA.connect(orbB.export(b), Hop.class);
    }

    @Test
    void markedMetadataReachesTheNestedCall() {
        Hop hop = chain(chain -> {
            chain.context().propagate("trace", "span");
            return chain.proceed();
        }, Duration.ofSeconds(10));
        assertEquals("t-1", hop.forward("trace"));
        assertEquals("bytes:2", hop.forward("span"));
        assertEquals("none", hop.forward("secret"), "keys not marked stay with B");
        assertEquals("s3cr3t", hop.seen("secret"), "B itself sees every key");
    }

    @Test
    void propagateAllPassesEveryKeyOn() {
        Hop hop = chain(chain -> {
            chain.context().propagateAll();
            return chain.proceed();
        }, Duration.ofSeconds(10));
        assertEquals("t-1", hop.forward("trace"));
        assertEquals("s3cr3t", hop.forward("secret"));
    }

    @Test
    void metadataStaysWithTheServerUnlessAsked() {
        Hop hop = chain(null, Duration.ofSeconds(10));
        assertEquals("t-1", hop.seen("trace"));
        assertEquals("none", hop.forward("trace"));
    }

    @Test
    void nestedCallGetsAtMostTheCallersRemainingTime() {
        // B's own default is 60 s; A's is 1 s: C must see what is left of A's second.
        Hop hop = chain(null, Duration.ofSeconds(1));
        long left = hop.forwardRemainingMillis();
        assertTrue(left > 0 && left <= 1_000, "C saw " + left + " ms left");
        long scoped = Calls.withTimeout(Duration.ofMillis(700), hop::forwardRemainingMillis);
        assertTrue(scoped > 0 && scoped <= 700, "C saw " + scoped + " ms left");
    }

    @Test
    void nestedCallFailsWithDeadlineExceededWhenTheOuterDeadlineIsShort() throws Exception {
        Hop hop = chain(null, Duration.ofSeconds(10));
        long start = System.nanoTime();
        // forwardSlow and slow both carry @Timeout(30 s): only A's 300 ms can end the nested call early.
        assertThrows(DeadlineExceededException.class,
                () -> Calls.withTimeout(Duration.ofMillis(300), () -> hop.forwardSlow(5_000)));
        long callerMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(callerMillis < 2_000, "A waited " + callerMillis + " ms");

        Object nested = b.nestedOutcomes.poll(10, TimeUnit.SECONDS);
        assertInstanceOf(DeadlineExceededException.class, nested, "B's nested call to C");
        long nestedMillis = b.nestedMillis.poll(1, TimeUnit.SECONDS);
        assertTrue(nestedMillis < 1_500, "the nested call lasted " + nestedMillis + " ms, not its own 30 s");
        assertEquals(1, c.calls.get(), "C received the nested call");
    }

    @Test
    void scopeOpenedByTheServantCannotOutliveTheCallersDeadline() {
        Hop hop = chain(null, Duration.ofMillis(800));
        long left = hop.forwardRemainingMillis();
        assertTrue(left <= 800, "C saw " + left + " ms");
        // B's servant asks for more inside its own scope: the earlier, inherited, deadline wins.
        b.next = new ScopedHop(b.next);
        long scoped = hop.forwardRemainingMillis();
        assertTrue(scoped > 0 && scoped <= 800, "C saw " + scoped + " ms through B's 60 s scope");
    }

    /** Calls the wrapped hop inside a generous {@link Calls#withTimeout} scope. */
    private record ScopedHop(Hop hop) implements Hop {
        @Override
        public long remainingMillis() {
            return Calls.withTimeout(Duration.ofSeconds(60), hop::remainingMillis);
        }

        @Override
        public String seen(String key) {
            return hop.seen(key);
        }

        @Override
        public String forward(String key) {
            return hop.forward(key);
        }

        @Override
        public long forwardRemainingMillis() {
            return hop.forwardRemainingMillis();
        }

        @Override
        public String slow(int millis) {
            return hop.slow(millis);
        }

        @Override
        public String forwardSlow(int millis) {
            return hop.forwardSlow(millis);
        }

        @Override
        public int square(int x) throws Refused {
            return hop.square(x);
        }

        @Override
        public java.util.concurrent.CompletableFuture<Integer> squareLater(int x) {
            return hop.squareLater(x);
        }
    }
}
