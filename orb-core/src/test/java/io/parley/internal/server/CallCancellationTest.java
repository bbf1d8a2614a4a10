package io.parley.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The cancellation state of a server call: who gets interrupted, and when never. */
@Timeout(20)
class CallCancellationTest {

    /** A call that counts its {@code onCancel}s. */
    private static final class Call extends CallCancellation {
        final AtomicInteger onCancels = new AtomicInteger();

        @Override
        void onCancel() {
            onCancels.incrementAndGet();
        }
    }

    @Test
    void aCallCancelledWhileQueuedNeverBegins() {
        Call call = new Call();
        call.cancel();
        assertTrue(call.isCancelled());
        assertFalse(call.begin(true), "a cancelled queued call must not run");
        assertEquals(0, call.onCancels.get(), "nothing ran, so nothing to stop");
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void aCancelInterruptsTheServantThreadWhileItRunsAndEndClearsTheFlag() throws Exception {
        Call call = new Call();
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean sawInterrupt = new AtomicBoolean();
        AtomicBoolean flagAfterEnd = new AtomicBoolean(true);
        Thread servant = new Thread(() -> {
            assertTrue(call.begin(true));
            running.countDown();
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                sawInterrupt.set(true);
                Thread.currentThread().interrupt(); // as a well-behaved servant restores it
            }
            call.end();
            flagAfterEnd.set(Thread.currentThread().isInterrupted());
        });
        servant.start();
        assertTrue(running.await(5, TimeUnit.SECONDS));
        long start = System.nanoTime();
        call.cancel();
        servant.join(5_000);
        assertTrue(sawInterrupt.get(), "the servant was interrupted");
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 2_000, "at once");
        assertFalse(flagAfterEnd.get(), "the interrupt meant for the call does not outlive it on the thread");
        assertEquals(1, call.onCancels.get());
        call.cancel();
        assertEquals(1, call.onCancels.get(), "cancelling twice is cancelling once");
    }

    @Test
    void aCancelAfterTheServantReturnedInterruptsNothing() {
        Call call = new Call();
        assertTrue(call.begin(true));
        call.end();
        call.cancel();
        assertTrue(call.isCancelled());
        assertFalse(Thread.interrupted(), "the thread has moved on: it must not be interrupted");
        assertEquals(1, call.onCancels.get(), "an asynchronous servant's future may still be pending");
    }

    @Test
    void aCallRunInlineIsNeverInterrupted() throws Exception {
        Call call = new Call();
        assertTrue(call.begin(false));
        Thread canceller = new Thread(call::cancel);
        canceller.start();
        canceller.join(5_000);
        assertFalse(Thread.currentThread().isInterrupted(), "an I/O thread is never interrupted");
        call.end();
        assertTrue(call.isCancelled());
        assertEquals(1, call.onCancels.get());
    }

    @Test
    void noInterruptLeaksPastEndWhenCancelsRaceWithTheServant() throws Exception {
        // A pooled servant thread runs call after call while another thread cancels each at a random moment: after
        // end() the thread must never be left interrupted, whichever side wins.
        int rounds = 20_000;
        Call[] calls = new Call[rounds];
        for (int i = 0; i < rounds; i++) {
            calls[i] = new Call();
        }
        AtomicInteger leaks = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread servant = new Thread(() -> {
            try {
                for (Call call : calls) {
                    if (call.begin(true)) {
                        ran.incrementAndGet();
                        Thread.onSpinWait();
                        call.end();
                    }
                    if (Thread.interrupted()) {
                        leaks.incrementAndGet();
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        Thread canceller = new Thread(() -> {
            for (Call call : calls) {
                call.cancel();
            }
        });
        servant.start();
        canceller.start();
        servant.join(15_000);
        canceller.join(15_000);
        assertEquals(null, failure.get());
        assertEquals(0, leaks.get(), "interrupts left on the thread after end()");
        assertTrue(ran.get() <= rounds);
    }
}
