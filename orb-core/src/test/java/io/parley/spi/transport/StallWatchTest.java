package io.parley.spi.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class StallWatchTest {
    private final StallWatch watch = StallWatch.instance();

    @Test
    void aRunPastTheBudgetIsRelievedOnceWhileItRuns() throws Exception {
        AtomicInteger reliefs = new AtomicInteger();
        StallWatch.Run run = watch.register(reliefs::incrementAndGet);
        try {
            run.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (reliefs.get() == 0 && System.nanoTime() - deadline < 0) {
                Thread.sleep(1);
            }
            assertEquals(1, reliefs.get(), "relieved while still running");
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(watch.budgetNanos() * 5) + 5);
            assertEquals(1, reliefs.get(), "once per run, however long it goes on");
            assertTrue(run.end(), "the run says it was relieved");
        } finally {
            run.close();
        }
    }

    @Test
    void aRunWhoseThreadKeepsRunningGetsTenBudgets() {
        AtomicInteger reliefs = new AtomicInteger();
        StallWatch.Run run = watch.register(reliefs::incrementAndGet);
        try {
            long start = System.nanoTime();
            run.start();
            long deadline = start + TimeUnit.SECONDS.toNanos(5);
            long spentWhenRelieved = -1;
            while (System.nanoTime() - deadline < 0) { // busy: the thread stays RUNNABLE, even when descheduled
                if (reliefs.get() > 0) {
                    spentWhenRelieved = System.nanoTime() - start;
                    break;
                }
                Thread.onSpinWait();
            }
            assertTrue(run.end(), "relieved in the end");
            assertTrue(spentWhenRelieved >= watch.budgetNanos() * StallWatch.RUNNABLE_FACTOR,
                    "relieved after " + spentWhenRelieved + " ns, not before " + StallWatch.RUNNABLE_FACTOR + " budgets");
        } finally {
            run.close();
        }
    }

    @Test
    void theWatchLooksSeldomWhileCallsKeepMovingOn() {
        StallWatch own = new StallWatch(TimeUnit.MILLISECONDS.toNanos(1));
        StallWatch.Run run = own.register(() -> { });
        try {
            run.start();
            long start = System.nanoTime();
            long lastLap = start;
            while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(400)) { // calls of about 10 µs
                if (System.nanoTime() - lastLap > 10_000) {
                    run.lap();
                    lastLap = System.nanoTime();
                }
                Thread.onSpinWait();
            }
            long looks = own.looks();
            assertFalse(run.end(), "quick calls were relieved");
            // Every half budget would be 800 looks; pauses that double up to four budgets make about 100.
            assertTrue(looks < 300, looks + " looks in 400 ms of quick calls");
            assertTrue(looks >= 50, "only " + looks + " looks: the pause is longer than four budgets");
        } finally {
            run.close();
        }
    }

    @Test
    void aCallThatBlocksAfterManyQuickOnesIsStillRelieved() throws Exception {
        StallWatch own = new StallWatch(TimeUnit.MILLISECONDS.toNanos(1));
        AtomicInteger reliefs = new AtomicInteger();
        StallWatch.Run run = own.register(reliefs::incrementAndGet);
        try {
            run.start();
            lapFor(run, 100); // the looks back off
            run.lap();
            long blocked = System.nanoTime();
            while (reliefs.get() == 0 && System.nanoTime() - blocked < TimeUnit.SECONDS.toNanos(5)) {
                Thread.sleep(1); // a servant that waits: relieved after a budget, once a look has seen its call
            }
            long relievedAfter = System.nanoTime() - blocked;
            assertEquals(1, reliefs.get(), "the blocked call was not relieved");
            assertTrue(run.end(), "the run says it was relieved");
            assertTrue(relievedAfter >= own.budgetNanos(), "relieved after " + relievedAfter + " ns, within a budget");
        } finally {
            run.close();
        }
    }

    @Test
    void onceAServantBlockedTheNextShortBlockIsRelievedInTime() throws Exception {
        StallWatch own = new StallWatch(TimeUnit.MILLISECONDS.toNanos(1));
        AtomicInteger reliefs = new AtomicInteger();
        StallWatch.Run run = own.register(reliefs::incrementAndGet);
        try {
            run.start();
            Thread.sleep(20); // a servant that blocks: relieved, and the watch stays watchful
            assertTrue(run.end(), "the first blocking call was not relieved");
            run.start();
            lapFor(run, 100);
            run.lap();
            Thread.sleep(4); // blocks for four budgets: looks every half budget see it past one
            assertTrue(run.end(), "a 4 ms block after quick calls was not relieved");
            assertEquals(2, reliefs.get());
        } finally {
            run.close();
        }
    }

    @Test
    void aLongRunOfQuickCallsIsLeftAlone() {
        AtomicInteger reliefs = new AtomicInteger();
        StallWatch.Run run = watch.register(reliefs::incrementAndGet);
        try {
            long lapNanos = watch.budgetNanos() / 2;
            long runNanos = watch.budgetNanos() * StallWatch.RUNNABLE_FACTOR * 3;
            run.start();
            long start = System.nanoTime();
            long lapStart = start;
            while (System.nanoTime() - start < runNanos) { // busy calls of half a budget each: RUNNABLE throughout
                if (System.nanoTime() - lapStart >= lapNanos) {
                    run.lap();
                    lapStart = System.nanoTime();
                }
                Thread.onSpinWait();
            }
            // Three times what a single call may take, in calls of half a budget: no call was a stall.
            assertFalse(run.end(), "a run of quick calls was relieved");
            assertEquals(0, reliefs.get());
        } finally {
            run.close();
        }
    }

    @Test
    void shortRunsAreLeftAlone() {
        AtomicInteger reliefs = new AtomicInteger();
        StallWatch.Run run = watch.register(reliefs::incrementAndGet);
        try {
            int unrelieved = 0;
            for (int i = 0; i < 1_000; i++) {
                run.start();
                if (!run.end()) {
                    unrelieved++;
                }
            }
            // A run of a few instructions passes the budget only if this thread is descheduled that long.
            assertTrue(unrelieved >= 990, unrelieved + " of 1000 short runs not relieved");
            assertTrue(reliefs.get() <= 10, reliefs.get() + " reliefs for short runs");
        } finally {
            run.close();
        }
    }

    @Test
    void eachRunIsRelievedOnItsOwnAndAClosedRoleNoMore() throws Exception {
        AtomicInteger reliefs = new AtomicInteger();
        StallWatch.Run run = watch.register(reliefs::incrementAndGet);
        for (int round = 1; round <= 2; round++) {
            run.start();
            awaitReliefs(reliefs, round);
            assertTrue(run.end());
        }
        run.close();
        run.start(); // a closed role is not watched
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(watch.budgetNanos() * 5) + 5);
        assertFalse(run.end(), "a closed role is not relieved");
        assertEquals(2, reliefs.get());
    }

    /** Quick calls, one after the other, for {@code millis}. */
    private static void lapFor(StallWatch.Run run, long millis) {
        long start = System.nanoTime();
        while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(millis)) {
            run.lap();
            Thread.onSpinWait();
        }
    }

    private static void awaitReliefs(AtomicInteger reliefs, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (reliefs.get() < expected && System.nanoTime() - deadline < 0) {
            Thread.sleep(1);
        }
        assertEquals(expected, reliefs.get());
    }
}
