package io.parley.internal.server;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The cancellation state of one server call, shared by the thread that runs its servant and the I/O thread that
 * handles its caller's cancel message ({@link CancellableCalls}).
 *
 * <ul>
 * <li>Cancelled while queued (before {@link #begin}): the call never runs.</li>
 * <li>Cancelled while its servant runs on a servant thread: that thread is interrupted, once, and only while the
 *     servant runs ({@link #end} waits for an interrupt under way and clears the flag it set), so that an interrupt
 *     meant for this call never reaches the next task of a pooled thread. A servant run on an I/O thread
 *     ({@code @NonBlocking}) or on its collocated caller's thread is never interrupted.</li>
 * <li>Cancelled after its servant returned (an asynchronous servant's future is pending): {@link #onCancel} runs.</li>
 * </ul>
 * In every case {@link #isCancelled()} turns true: the caller forgot the call, so its answer is not sent.
 */
abstract class CallCancellation {
    private static final int QUEUED = 0;
    private static final int RUNNING = 1; // the servant runs, on `runner` (null: a thread not to interrupt)
    private static final int INTERRUPTING = 2; // a cancel is interrupting `runner` right now
    private static final int RETURNED = 3; // the servant returned or threw: nothing to interrupt any more
    private static final int DROPPED = 4; // cancelled before it began: never runs
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(CallCancellation.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int state;
    private volatile boolean cancelled;
    // Written before the CAS to RUNNING, read by a cancel only after it saw RUNNING.
    private Thread runner;
    // Written by a cancel while it holds INTERRUPTING, read by the runner after it left RUNNING.
    private boolean interruptedRunner;
    /** The key under which {@link CancellableCalls} holds this call, or {@code null} when it holds it not. */
    Object cancelKey;

    /**
     * Servant side, before the servant runs: returns {@code false} when the call was cancelled while queued, and
     * must then not run. {@code interruptible}: whether a cancel may interrupt the current thread (a servant
     * thread; never an I/O thread or a collocated caller's).
     */
    final boolean begin(boolean interruptible) {
        runner = interruptible ? Thread.currentThread() : null;
        return STATE.compareAndSet(this, QUEUED, RUNNING);
    }

    /**
     * Servant side, once the servant returned or threw, before the answer is sent: no cancel interrupts the thread
     * from now on, and an interrupt a cancel delivered is cleared (the servant's business, not the thread's).
     */
    final void end() {
        while (!STATE.compareAndSet(this, RUNNING, RETURNED)) {
            // A cancel is between its CAS and interrupt(): a few instructions.
            Thread.onSpinWait();
        }
        runner = null;
        if (interruptedRunner) {
            Thread.interrupted();
        }
    }

    /** The caller cancelled the call. Any thread; idempotent. */
    final void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        while (true) {
            int now = state;
            if (now == QUEUED) {
                if (STATE.compareAndSet(this, QUEUED, DROPPED)) {
                    return; // never runs: nothing else to stop
                }
            } else if (now == RUNNING) {
                if (STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
                    Thread thread = runner;
                    if (thread != null) {
                        interruptedRunner = true;
                        thread.interrupt();
                    }
                    state = RUNNING;
                    break;
                }
            } else {
                break; // returned (or interrupted by a concurrent cancel): no thread to interrupt
            }
        }
        onCancel();
    }

    /**
     * Whether the caller cancelled the call: it no longer waits for the answer.
     */
    public final boolean isCancelled() {
        return cancelled;
    }

    /** Called once by {@link #cancel} when the call had begun: stops what can be stopped besides the thread. */
    void onCancel() {
    }
}
