package io.parley.transport.netty.internal;

import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;
import io.netty.util.IntSupplier;

/**
 * An event loop's way to wait: after any work it keeps polling the selector without blocking for a short budget,
 * and only then blocks in {@code select}. A loop that blocks must be woken by the kernel (or by a thread that hands
 * it a write) when the next frame comes, which costs tens of microseconds on small machines; a loop still polling
 * picks the frame up at once. The price is CPU during the budget after each burst of work, none when idle.
 *
 * <p>One instance per event loop (Netty asks the factory once per loop), so its state needs no synchronisation.
 */
public final class SpinThenSelectStrategy implements SelectStrategy {
    private final long spinNanos;
    private long lastWorkNanos;
    private boolean blocked;

    SpinThenSelectStrategy(long spinNanos) {
        this.spinNanos = spinNanos;
    }

    /** A factory giving each event loop its own strategy with that budget. */
    public static SelectStrategyFactory factory(long spinNanos) {
        return () -> new SpinThenSelectStrategy(spinNanos);
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        int ready = selectNow.get();
        long now = System.nanoTime();
        if (ready > 0 || hasTasks || blocked) {
            // Work, or the return from a blocking select (which woke up because of work): restart the budget.
            blocked = false;
            lastWorkNanos = now;
            return ready;
        }
        if (now - lastWorkNanos < spinNanos) {
            Thread.onSpinWait();
            return SelectStrategy.CONTINUE;
        }
        blocked = true;
        return SelectStrategy.SELECT;
    }
}
