package io.parley.internal.remote;

import io.parley.Completion;
import io.parley.ErrorCode;
import io.parley.OrbException;
import io.parley.internal.client.Peer;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The lease one proxy holds on its object at the object's owner: counted by the owner against one connection
 * ({@link #via}), and given back once, when the proxy is released ({@link io.parley.Orb#release}) or garbage
 * collected (this is the proxy's {@link Cleaner} action, so it must not refer to the proxy).
 */
public final class HeldLease implements Runnable {
    final String objectId;
    private final Holdings holdings;
    private final AtomicBoolean released = new AtomicBoolean();
    /** The connection the owner counts this lease against; null until a retain went out (or for none). */
    volatile Peer via;
    private volatile Cleaner.Cleanable cleanable;

    HeldLease(String objectId, Holdings holdings, Peer via) {
        this.objectId = objectId;
        this.holdings = holdings;
        this.via = via;
    }

    void cleanable(Cleaner.Cleanable registered) {
        this.cleanable = registered;
    }

    /**
     * Fails a call on a released proxy: its object may be gone already, and calling it would hide the bug.
     *
     * @throws OrbException INVALID_CONFIGURATION, completion NO
     */
    public void checkHeld(Object target) {
        if (released.get()) {
            throw new OrbException(ErrorCode.INVALID_CONFIGURATION, Completion.NO, "this proxy of " + target
                    + " was released (Orb.release); it can no longer be called: keep the proxy until you are done");
        }
    }

    /** Releases the lease now (explicitly); returns whether it was still held. */
    boolean release() {
        boolean wasHeld = !released.get();
        Cleaner.Cleanable registered = cleanable;
        if (registered != null) {
            registered.clean(); // runs run() once, and no more at collection
        } else {
            run();
        }
        return wasHeld;
    }

    /** The Cleaner's action (the proxy was collected), or the explicit release: gives the lease back once. */
    @Override
    public void run() {
        if (released.compareAndSet(false, true)) {
            holdings.released(this);
        }
    }

    boolean isReleased() {
        return released.get();
    }
}
