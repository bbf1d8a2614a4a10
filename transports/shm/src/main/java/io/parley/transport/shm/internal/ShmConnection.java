package io.parley.transport.shm.internal;

import io.parley.Completion;
import io.parley.ErrorCode;
import io.parley.OrbException;
import io.parley.UnavailableException;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import io.parley.spi.transport.PeerIdentity;
import io.parley.spi.transport.DeferredServants;
import io.parley.spi.transport.StallWatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shared-memory connection: an outbound ring that this process's threads write, an inbound ring that its one
 * receive thread reads, and the Unix domain socket as doorbell and liveness signal.
 *
 * <p>Threads: {@link #send}, {@link #close}, {@link #isOpen} and {@link #execute} from any thread; a sender copies
 * its frame into the ring itself (no hand-off) and rings the peer's doorbell only if the peer announced sleep.
 * Reading the inbound ring, calling the {@link FrameHandler} and running {@link #execute}d tasks is one role, held
 * by one thread at a time: usually the receive thread, one per connection ({@link #run}), which spins on the inbound
 * ring for {@code spinNanos} after the last activity, then announces sleep in shared memory, re-checks the ring, and
 * blocks on the socket (see {@link ShmRing#wakeNeeded}); it checks the socket every millisecond while it spins, so a
 * dead or closing peer is noticed even when it never sleeps.
 *
 * <p>Synchronous callers ({@link #sendAndAwait}) read instead while they wait: the receive thread stands aside
 * (blocked on the socket, still watching for a close) while any caller reads; the first clears the sleep
 * announcement so that the peer's replies ring no doorbell. Each caller writes its frame and spins on the inbound
 * ring for up to {@code spinNanos}, taking the role for each batch it finds and handling every frame in it, its own
 * reply or another caller's. A sequential call then hands nothing to another thread on this side, and a caller
 * taken off its core holds no one else's reply up. The last caller to leave re-arms the announcement when frames
 * are awaited, and wakes the receive thread if work is left. When the outbound ring is full, a sender waits for
 * the peer to consume (spinning, yielding, then pausing in short parks: back-pressure, not the receive path); a
 * sender holding the role meanwhile moves inbound frames to a local queue so that two peers echoing to each other
 * cannot block each other.
 *
 * <p>Servant calls ({@link #executeServant}) that frames delivered by the receive thread ask for are deferred, and
 * run by the receive thread itself once its batch is done, with the reading role given up meanwhile (a waiting
 * caller may take it; a servant that calls back over this connection reads its own reply like any caller): a sequential call
 * crosses no thread. The {@link StallWatch} watches each such run; one that passes its budget is relieved: a new
 * receive thread takes reading over (it hands the calls still deferred to their executors first), the old one
 * ends once its call returns; after a second relief within {@link DeferredServants#BACKOFF_NANOS} this connection sends
 * servant calls to their executors for that long. Nobody announces sleep while the receive thread runs calls, so the peer rings no
 * doorbell then, and nothing is lost when the reading resumes on either thread.
 */
public final class ShmConnection implements Connection {
    private static final Logger log = LoggerFactory.getLogger(ShmConnection.class);
    private static final int BATCH = 64;
    /** Idle spin steps per clock read (see {@link #readUntil}). */
    private static final int CLOCK_STEPS = 4;
    /** A sleeping receive thread also wakes after this long, re-checks, and counts a lost wake-up if it finds work. */
    private static final long SAFETY_WAKE_MILLIS = 1_000;
    private static final long SOCKET_CHECK_NANOS = 1_000_000;
    private static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** Whether spinning can pay: on one CPU whoever must do the work waited for cannot run while a thread spins. */
    private static final boolean MULTIPROCESSOR = Runtime.getRuntime().availableProcessors() > 1;
    /**
     * The longest a spinner waits for the peer without yielding (see {@link #spinPause}): several round trips (about
     * 1 µs each when both sides run on cores of their own), well below the spin budget.
     */
    private static final long MAX_PURE_SPIN_NANOS = 5_000;
    /** Work that came within this much of spinning came from a peer running on another core (see {@link #found}). */
    private static final long QUICK_NANOS = 2_000;
    /** Inbound bytes the receive thread may park in memory while its own send waits for ring space. */
    private static final long MAX_DEFERRED_BYTES = 64L * 1024 * 1024;
    /** What {@link #receive} returns when a relief gave the receive thread's duty to another thread. */
    private static final Throwable HANDED_OVER = new Throwable("reading handed over", null, false, false) {
    };

    private final String remoteAddress;
    private final FrameHandler handler;
    private final ShmRing outbound;
    private final ShmRing inbound;
    private final ControlChannel control;
    private final FrameAssembler assembler;
    private final int maxSendBytes;
    private final long spinNanos;
    private final Semaphore fragmentedSends;
    private final Consumer<ShmConnection> onFinish;
    private final ReceiveThreads receiveThreads;
    private final AtomicInteger messageIds = new AtomicInteger();
    private final AtomicInteger sendsInFlight = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    /** The reading role (see the class comment); {@link #reader} is its holder. */
    private final AtomicBoolean reading = new AtomicBoolean();
    /**
     * Plain: a thread only ever asks whether it is the holder itself, and it sees its own writes; another's stale
     * value never names it.
     */
    private Thread reader;
    /** Synchronous callers reading while they wait (see {@link #sendAndAwait}): the receive thread stands aside. */
    private final AtomicInteger readingCallers = new AtomicInteger();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Inbound frames read while the receive thread's own send waited for space; delivered first. */
    private final ArrayDeque<ByteBuffer> deferred = new ArrayDeque<>();
    private long deferredBytes;
    private volatile boolean closeReady;
    private volatile boolean terminated;
    private volatile boolean sleeping;
    private volatile Thread receiveThread;
    private volatile long lostWakeUps;
    private volatile long sleeps;
    /** The receive thread while it delivers a batch: only then are servant calls deferred (for it to run). */
    private volatile Thread batchThread;
    private final DeferredServants servants = new DeferredServants();
    /** The receive thread while it runs servant calls without the role; a relief takes the duty from it. */
    private final AtomicReference<Object> detached = new AtomicReference<>();
    /** {@link #detached} while a relief starts the new receive thread. */
    private static final Object RELIEVING = new Object();
    private final AtomicLong reliefs = new AtomicLong();
    /** A servant call went to an executor thread: the next spin step here yields, so that it gets a core soon. */
    private volatile boolean yieldSoon;
    /**
     * How long spinners here wait without yielding now, adapted by {@link #found}. Racy on purpose: the receive
     * thread and waiting callers adapt it alike, and any recent value will do.
     */
    private long pureSpinNanos = MULTIPROCESSOR ? MAX_PURE_SPIN_NANOS : 0;

    /**
     * A connection over an agreed, mapped file; {@code client} tells which ring is whose. {@code onFinish} runs on the
     * receive thread after {@code onClose}; {@code receiveThreads} starts a new receive thread when a relief needs one.
     */
    public ShmConnection(String remoteAddress, FrameHandler handler, Handshake.Agreement agreement, boolean client,
            ControlChannel control, int maxReceiveBytes, long spinNanos, Consumer<ShmConnection> onFinish,
            ReceiveThreads receiveThreads) {
        int capacity = agreement.ringBytes();
        ShmRing toServer = new ShmRing(agreement.file(), ShmLayout.clientToServerOffset(capacity), capacity);
        ShmRing toClient = new ShmRing(agreement.file(), ShmLayout.serverToClientOffset(capacity), capacity);
        this.remoteAddress = remoteAddress;
        this.handler = handler;
        this.outbound = client ? toServer : toClient;
        this.inbound = client ? toClient : toServer;
        this.control = control;
        this.assembler = new FrameAssembler(maxReceiveBytes, agreement.maxReassemblies());
        this.maxSendBytes = agreement.maxSendBytes();
        this.spinNanos = spinNanos;
        this.fragmentedSends = new Semaphore(agreement.maxReassemblies());
        this.onFinish = onFinish;
        this.receiveThreads = receiveThreads;
    }

    /** Where a connection gets its threads: the transport's, which it waits for when it closes. */
    public interface ReceiveThreads {
        /** Starts {@code body} on a new thread of the transport. */
        void start(Runnable body);

        /**
         * {@code thread} no longer receives for its connection: it finishes a servant call (which may block as long
         * as the application wants) and ends, so closing the transport need not wait for it.
         */
        void release(Thread thread);
    }

    // ---- sending (any thread) ----

    @Override
    public boolean send(ByteBuffer frame) {
        int length = frame.remaining();
        if (length > maxSendBytes) {
            throw new OrbException(ErrorCode.RESOURCE_EXHAUSTED, Completion.NO, "cannot send a frame of " + length
                    + " bytes to " + remoteAddress + ": larger than maxFrameBytes=" + maxSendBytes
                    + "; send less, or raise TransportSettings.maxFrameBytes on both sides");
        }
        if (closing.get() || outbound.consumerClosed()) {
            return false;
        }
        // Counted before the second check, so that close() either sees this send or this send sees close().
        sendsInFlight.incrementAndGet();
        try {
            if (closing.get() || outbound.consumerClosed()) {
                return false;
            }
            boolean sent = length <= outbound.maxPayload()
                    ? write(ShmLayout.WHOLE, 0, 0, frame, frame.position(), length)
                    : writeFragmented(frame, length);
            if (sent) {
                armIfAwaited();
            }
            return sent;
        } catch (CorruptRingException e) {
            fail(e);
            return false;
        } finally {
            sendsInFlight.decrementAndGet();
        }
    }

    /**
     * Sends, then reads inbound frames on this thread until the reply came (see {@link #readUntil}), for the spin budget
     * at most; then waits for {@code done} as the default does. Every synchronous caller reads while it waits: the
     * reading role is taken for each batch found, not for the whole wait, so that a caller the scheduler takes off
     * its core holds nobody's reply up (with 16 callers on 2 cores one caller is preempted every few milliseconds;
     * had it kept the role, the others could only yield until it ran again).
     */
    @Override
    public boolean sendAndAwait(ByteBuffer frame, Future<?> done, long deadlineNanos) throws InterruptedException {
        // From a FrameHandler callback (the role held): this thread cannot read while it waits. A servant call run
        // by the receive thread holds no role and reads like any caller.
        if (Thread.currentThread() == reader) {
            return Connection.super.sendAndAwait(frame, done, deadlineNanos);
        }
        readingCallers.incrementAndGet();
        try {
            if (sleeping && inbound.sleepAnnounced()) {
                withdrawSleepAnnouncement();
            }
            if (!send(frame)) {
                return false;
            }
            readUntil(done, deadlineNanos);
        } finally {
            leave();
        }
        awaitDone(done, deadlineNanos);
        return true;
    }

    /**
     * While callers read, a frame for us needs no doorbell: withdraws the sleeping receive thread's announcement.
     * Looked at before a frame is written: the peer reads the flag after each frame, and a store to its line would
     * wait for that line. Skipped when another thread reads right now: the peer then rings once for nothing.
     */
    private void withdrawSleepAnnouncement() {
        if (tryTakeReadingRole()) {
            try {
                if (sleeping) {
                    inbound.cancelSleep();
                }
            } finally {
                releaseReadingRole();
            }
        }
    }

    private static void awaitDone(Future<?> done, long deadlineNanos) throws InterruptedException {
        if (done.isDone()) {
            return; // nearly always, and without reading the clock
        }
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            try {
                done.get(left, TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException | CancellationException e) {
                // The caller reads the outcome from done itself.
            }
        }
    }

    /**
     * Reads until {@code done}, the spin budget or the deadline ends, or the connection closes. Role held. The clock
     * is read at the first idle step (a reply found at once needs none) and then every {@link #CLOCK_STEPS} idle
     * steps: a read costs about as much as the rest of a step, and each one delays noticing the reply.
     */
    private void readUntil(Future<?> done, long deadlineNanos) throws InterruptedException {
        boolean started = false;
        long start = 0;
        long lastActive = 0;
        long idle = 0; // of the spin going on
        boolean active = false; // frames were found since lastActive: the clock is read once idle again
        int spins = 0;
        while (!done.isDone() && !closing.get()) {
            if (readBatch(spins % CLOCK_STEPS == 0, false) > 0) {
                active = true;
                found(idle);
                idle = 0;
                continue;
            }
            if (!started || active || spins % CLOCK_STEPS == 0) {
                long now = System.nanoTime();
                if (!started) {
                    started = true;
                    start = now;
                    lastActive = now;
                }
                if ((spinNanos >= 0 && now - start >= spinNanos) || now - deadlineNanos >= 0) {
                    return;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (active) {
                    lastActive = now;
                    active = false;
                }
                idle = now - lastActive;
            }
            spinPause(idle, ++spins);
        }
    }

    /**
     * One step of a spin that has found nothing for {@code idleNanos}: a pure CPU pause for the first
     * {@link #pureSpinNanos} (at most {@link #MAX_PURE_SPIN_NANOS}), then mostly a pause and every 16th step a yield.
     *
     * <p>Why the pure part: a yield gives the rest of the thread's time slice away (Linux's EEVDF scheduler charges
     * it as if it had run it), so a receive thread or caller that yields while the peer works on another core loses
     * its own core to the callers; 16 callers on 2 cores then take turns at 1.5 context switches per call (about
     * 2.5 µs each on a virtual machine), where a pure spin lets one caller after the other call without any
     * (docs/architecture.md, "Shared memory under many callers"). Why only a few µs of it: a peer that has not
     * answered by then is not running (descheduled: other processes want the cores), and a spinner that does not
     * yield then keeps the very threads it waits for, its own process's included, off its core: with one busy
     * process beside it, pure spinning for the whole budget fell from hundreds of thousands of calls/s to tens of
     * thousands. After a servant call went to an executor thread ({@link #executeServant}) the next step yields, so
     * that the executor gets a core at once; on one CPU there is nothing to spin for.
     */
    private void spinPause(long idleNanos, int spins) {
        if (yieldSoon) {
            yieldSoon = false;
            Thread.yield();
        } else if (idleNanos < pureSpinNanos || (spins & 15) != 0) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    /**
     * Adapts {@link #pureSpinNanos} to work found after spinning {@code idleNanos}: work that came quickly came from
     * a peer running on another core, so spinning without yielding pays (the whole window again); work that came
     * only after the window came from a peer that had to wait for a core, perhaps this thread's own (both ends on
     * one core of a busy machine), where each pure spin only delays it: the window halves, down to the old
     * behaviour of yielding every 16th step. The idea of HotSpot's adaptive spinning on monitors.
     */
    private void found(long idleNanos) {
        if (idleNanos <= 0) {
            return; // no spin before it
        }
        if (idleNanos < QUICK_NANOS) {
            pureSpinNanos = MULTIPROCESSOR ? MAX_PURE_SPIN_NANOS : 0;
        } else if (idleNanos >= pureSpinNanos) {
            pureSpinNanos >>= 1;
        }
    }


    /**
     * Ends a caller's wait. The receive thread stood aside while callers read, sleeping without an announcement:
     * when the last caller leaves and frames are awaited (see {@link #armIfAwaited}), this re-arms it and wakes it
     * when work is left (checked after the announcement: a frame committed before it is seen here, one after it
     * rings the doorbell). The count drops before {@code sleeping} is read, and the receive thread sets
     * {@code sleeping} before it reads the count, so that it either sees no caller (and sleeps by itself) or is seen
     * sleeping here.
     */
    private void leave() {
        if (readingCallers.decrementAndGet() == 0 && sleeping && handler.awaitsFrames()) {
            arm();
        }
    }

    /**
     * After a send while no caller reads: if the receive thread sleeps without an announcement and frames are now
     * awaited, arms it. Together with {@link #leave} this keeps the rule that a frame the handler awaits rings the
     * doorbell whenever no caller reads: a wait that ended with nothing awaited (a sequential caller's, nearly
     * always) leaves the announcement down, which saves two writes of a line the peer reads after every frame, a
     * full fence, and a role hand-off per call. A caller that registers a call (before sending it) after the last
     * leaving caller checked sees the count of reading callers at 0 here, so one of the two arms.
     */
    private void armIfAwaited() {
        if (sleeping && readingCallers.get() == 0 && !inbound.sleepAnnounced() && handler.awaitsFrames()) {
            arm();
        }
    }

    /** Re-arms the sleeping receive thread's announcement, and wakes it if work waits. */
    private void arm() {
        if (tryTakeReadingRole()) {
            try {
                if (sleeping) {
                    inbound.announceSleep();
                    if (hasWork()) {
                        control.wakeup();
                    }
                }
            } finally {
                releaseReadingRole();
            }
        }
    }

    /** Frames or tasks wait. Role held. */
    private boolean hasWork() {
        return inbound.hasRecord() || !tasks.isEmpty() || !deferred.isEmpty();
    }

    private boolean tryTakeReadingRole() {
        if (reading.compareAndSet(false, true)) {
            reader = Thread.currentThread();
            return true;
        }
        return false;
    }

    /** Takes the role, waiting for the holder: it never holds it long (one batch of frames). */
    private void takeReadingRole() {
        while (!tryTakeReadingRole()) {
            Thread.onSpinWait();
        }
    }

    /**
     * A release store: the next holder's compare-and-set sees everything this one did. No thread waits on the
     * store itself, so it needs no fence (a volatile store would cost one per batch).
     */
    private void releaseReadingRole() {
        reader = null;
        reading.lazySet(false);
    }

    private boolean writeFragmented(ByteBuffer frame, int length) {
        if (!acquireFragmentPermit()) {
            return false;
        }
        try {
            int message = messageIds.incrementAndGet();
            int chunk = outbound.maxPayload();
            int start = frame.position();
            if (!write(ShmLayout.BEGIN, message, length, frame, start, chunk)) {
                return false;
            }
            for (int offset = chunk; offset < length; offset += chunk) {
                int size = Math.min(chunk, length - offset);
                int type = offset + size == length ? ShmLayout.END : ShmLayout.MIDDLE;
                if (!write(type, message, offset, frame, start + offset, size)) {
                    return false;
                }
            }
            return true;
        } finally {
            fragmentedSends.release();
        }
    }

    /** The peer reassembles at most the agreed number of frames at once: more senders of large frames wait. */
    private boolean acquireFragmentPermit() {
        try {
            while (!fragmentedSends.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                if (terminated) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean write(int type, int message, int value, ByteBuffer frame, int offset, int length) {
        for (int attempt = 0; !outbound.tryWrite(type, message, value, frame, offset, length); attempt++) {
            if (!awaitSpace(attempt)) {
                return false;
            }
        }
        if (outbound.wakeNeeded()) {
            control.ring();
        }
        return true;
    }

    private boolean awaitSpace(int attempt) {
        if (terminated) {
            return false;
        }
        if (Thread.currentThread() == reader) {
            deferInbound();
        }
        if (attempt < 200) {
            Thread.onSpinWait();
        } else if (attempt < 400) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(Math.min(1_000_000L, 10_000L << Math.min(10, (attempt - 400) / 64)));
        }
        return !terminated;
    }

    /** Reads inbound frames into memory, so that the peer, perhaps waiting for space itself, makes progress. */
    private void deferInbound() {
        assembler.ownCopies(true);
        try {
            while (deferredBytes < MAX_DEFERRED_BYTES && inbound.poll(assembler, 1) > 0) {
                ByteBuffer frame = assembler.takeFrame();
                if (frame != null) {
                    deferred.add(frame);
                    deferredBytes += frame.remaining();
                }
            }
        } finally {
            assembler.ownCopies(false);
        }
    }

    // ---- state ----

    @Override
    public boolean isOpen() {
        return !closing.get() && !terminated && !outbound.consumerClosed();
    }

    /**
     * Closes in order: new sends are refused on both sides (the peer sees this side's mark in shared memory at
     * once, before its receive thread hears of the close: a frame it then cannot send was certainly not delivered),
     * sends in progress finish (up to 2 s), then the receive thread tells the peer, which delivers everything
     * written before, and both sides call {@code onClose(null)}.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        inbound.markConsumerClosed();
        long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
        while (sendsInFlight.get() > 0 && !terminated && System.nanoTime() < deadline) {
            Thread.yield();
        }
        closeReady = true;
        control.wakeup();
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    /**
     * The peer's operating-system user: the transport accepts only peers whose kernel-reported user
     * ({@code SO_PEERCRED}) is this process's own, so that is who the peer is.
     */
    @Override
    public Optional<PeerIdentity> peerIdentity() {
        return PEER;
    }

    private static final Optional<PeerIdentity> PEER = Optional.of(PeerIdentity.user(System.getProperty("user.name")));

    @Override
    public void execute(Runnable task) {
        if (terminated) {
            throw new RejectedExecutionException("shm connection to " + remoteAddress + " is closed");
        }
        tasks.add(task);
        if (sleeping) {
            control.wakeup();
        }
    }

    /** Wake-ups found missing by the safety timeout (a broken handshake would show here; tests expect 0). */
    public long lostWakeUps() {
        return lostWakeUps;
    }

    /** How often the receive thread blocked on the socket (for tests and diagnostics). */
    public long sleeps() {
        return sleeps;
    }

    /** Whether the receive thread has finished (after {@code onClose}). */
    public boolean terminated() {
        return terminated;
    }

    private void fail(Throwable cause) {
        log.warn("shm connection to {} failed: {}", remoteAddress, cause.toString());
        closing.set(true);
        inbound.markConsumerClosed();
        failure = cause;
        closeReady = true;
        control.wakeup();
    }

    private volatile Throwable failure;

    // ---- the receive thread ----

    /**
     * The receive thread's body: {@code onOpen}, then completes {@code opened} (when not {@code null}), then frames
     * until either side closes, then {@code onClose} once.
     */
    public void run(CompletableFuture<io.parley.spi.transport.Connection> opened) {
        receiveThread = Thread.currentThread();
        try {
            handler.onOpen(this);
            if (opened != null) {
                opened.complete(this);
            }
        } catch (Throwable e) {
            finish(e);
            return;
        }
        receiveUntilEnd();
    }

    /** A relief's new receive thread: hands the calls still deferred to their executors, then reads. */
    private void takeOver() {
        receiveThread = Thread.currentThread();
        servants.handOver();
        receiveUntilEnd();
    }

    /** Receives until the connection ends ({@code onClose}, once) or a relief hands the duty to another thread. */
    private void receiveUntilEnd() {
        Throwable cause;
        try {
            cause = receive();
            if (cause == HANDED_OVER) {
                return;
            }
        } catch (CorruptRingException e) {
            log.warn("Closing shm connection to {}: corrupt shared memory: {}", remoteAddress, e.getMessage());
            cause = new OrbException(ErrorCode.PROTOCOL_ERROR, Completion.MAYBE,
                    "shm connection to " + remoteAddress + " closed: corrupt shared memory: " + e.getMessage(), e);
        } catch (Throwable e) {
            cause = e;
        }
        finish(cause);
    }

    /**
     * The receive loop: {@code null} once the connection closed in order, the cause when it failed, or
     * {@link #HANDED_OVER} when a relief gave the duty to another thread.
     */
    private Throwable receive() throws IOException {
        ServantRuns runs = new ServantRuns();
        try {
            return receive(runs);
        } finally {
            runs.close();
        }
    }

    private Throwable receive(ServantRuns runs) throws IOException {
        int spins = 0;
        long idle = 0; // of the spin going on
        long lastActive = System.nanoTime();
        long now = lastActive;
        long nextSocketCheck = lastActive + SOCKET_CHECK_NANOS;
        boolean active = false; // work was found since lastActive: the clock is read once idle again, not per batch
        while (true) {
            if (readingCallers.get() > 0) {
                sleep(); // aside: callers read; the socket still tells of a close
                ControlChannel.Event event = control.poll();
                if (event != ControlChannel.Event.NOTHING) {
                    return peerClosed(event);
                }
                now = System.nanoTime();
                lastActive = spinSpent(now);
                active = false;
                idle = 0; // what wakes it tells nothing of how quickly the peer answers
                nextSocketCheck = now + SOCKET_CHECK_NANOS;
                continue;
            }
            int read = readBatch(active || spins % CLOCK_STEPS == 0, true);
            if (read > 0) {
                found(idle);
                idle = 0;
            }
            if (!servants.isEmpty()) {
                if (!runs.runDeferred()) {
                    return HANDED_OVER;
                }
                active = true;
                continue;
            }
            if (read > 0) {
                active = true;
                continue;
            }
            if (closeReady) {
                if (failure != null) {
                    return failure;
                }
                control.sendCloseNotice();
                return null;
            }
            if (active || spins % CLOCK_STEPS == 0) {
                now = System.nanoTime(); // as in readUntil(): every few idle steps
            }
            if (active) {
                lastActive = now;
                active = false;
            }
            if (now - nextSocketCheck >= 0) {
                ControlChannel.Event event = control.poll();
                if (event != ControlChannel.Event.NOTHING) {
                    return peerClosed(event);
                }
                nextSocketCheck = now + SOCKET_CHECK_NANOS;
            }
            if (spinNanos < 0 || now - lastActive < spinNanos) {
                idle = now - lastActive;
                spinPause(idle, ++spins);
                continue;
            }
            sleep();
            ControlChannel.Event event = control.poll();
            if (event != ControlChannel.Event.NOTHING) {
                return peerClosed(event);
            }
            now = System.nanoTime();
            lastActive = spinSpent(now);
            idle = 0;
            nextSocketCheck = now + SOCKET_CHECK_NANOS;
        }
    }

    /**
     * After a sleep the spin budget starts again only when work is found: a wake-up that found none (the safety
     * timeout of an idle connection, every second) goes straight back to sleep instead of spinning for nothing.
     */
    private long spinSpent(long now) {
        return now - Math.max(spinNanos, 0);
    }

    /**
     * One batch of tasks and frames, when the role is free and {@link #workShows}. The receive thread asks with
     * {@code deferServants}: servant calls the frames ask for are then deferred, for it to run after the batch; a
     * caller waiting for its reply does not, and they go to their executors.
     */
    private int readBatch(boolean look, boolean deferServants) {
        if (!workShows(look) || !tryTakeReadingRole()) {
            return 0;
        }
        if (deferServants) {
            batchThread = Thread.currentThread();
        }
        try {
            return runTasks() + deliverDeferred() + drain(BATCH);
        } finally {
            if (deferServants) {
                batchThread = null;
            }
            releaseReadingRole();
        }
    }

    /**
     * Whether to take the role for a batch: when {@code look}, or when work seems to wait. Taking and giving back
     * the role costs a compare-and-set and a store to a line every reader shares, which would slow each idle step
     * and so the noticing of the next frame. Readers look anyway every few idle steps: frames deferred by a send
     * that waited for space show no hint.
     */
    private boolean workShows(boolean look) {
        return look || inbound.mayHaveRecord() || !tasks.isEmpty();
    }

    // ---- servant calls on the receive thread ----

    /**
     * Defers the call for the receive thread to run after its batch when it is that thread delivering a batch and
     * no run was relieved lately (see the class comment); otherwise gives it to {@code executor}.
     */
    @Override
    public void executeServant(Runnable call, Executor executor) {
        if (batchThread == Thread.currentThread() && !servants.backedOff() && !closing.get()) {
            servants.add(call, executor);
        } else {
            executor.execute(call);
            yieldSoon = true;
        }
    }

    /**
     * A relief of {@code runner}'s run: if it still runs calls with the duty on loan, takes the duty away and starts
     * a new receive thread; after a second relief within {@link DeferredServants#BACKOFF_NANOS}, calls go to their
     * executors for that long. Watch thread; never blocks (a thread start is the longest part), and does nothing when
     * the run has just ended.
     */
    private void relieve(Thread runner) {
        if (!detached.compareAndSet(runner, RELIEVING)) {
            return;
        }
        servants.relieved();
        // Released first: once a relief is counted, closing no longer waits for the blocked thread. Counted once the
        // new thread started: whoever sees the count then finds that thread among the transport's, as close() does.
        receiveThreads.release(runner);
        try {
            receiveThreads.start(this::takeOver);
        } catch (RuntimeException | Error e) {
            // The runner keeps the duty and reads again once its call returns; the others wait until then.
            log.warn("shm connection to {}: cannot start a thread to take reading over: {}", remoteAddress,
                    e.toString());
            detached.set(runner);
            return;
        }
        reliefs.incrementAndGet();
        detached.compareAndSet(RELIEVING, null);
    }

    /** How many runs of servant calls had to be relieved (for tests and diagnostics). */
    public long reliefs() {
        return reliefs.get();
    }

    /** The thread that has the receive duty now (for tests and diagnostics). */
    public Thread receiveThread() {
        return receiveThread;
    }

    /** A receive thread's runs of deferred servant calls, watched by the {@link StallWatch}. */
    private final class ServantRuns {
        private final Thread thread = Thread.currentThread();
        private StallWatch.Run watch; // at the first run: most connections never run a servant call

        /**
         * Runs the deferred calls on this thread, without the reading role; {@code false} when a relief took the
         * receive duty away meanwhile (the calls left went to their executors) and this thread must end.
         */
        boolean runDeferred() {
            if (watch == null) {
                watch = StallWatch.instance().register(() -> relieve(thread));
            }
            detached.set(thread);
            watch.start();
            try {
                while (detached.get() == thread && !servants.backedOff() && servants.runNext()) {
                    watch.lap(); // one call after the other, each within the budget, until none waits or relieved
                }
            } finally {
                watch.end();
            }
            while (detached.get() == RELIEVING) {
                Thread.yield(); // a relief is starting the new receive thread, or gives the duty back if it cannot
            }
            boolean stillReceiving = detached.compareAndSet(thread, null);
            // The calls left after a relief (the new receive thread takes them too; each goes once).
            servants.handOver();
            return stillReceiving;
        }

        void close() {
            if (watch != null) {
                watch.close();
            }
        }
    }

    /**
     * Announces sleep (flag in shared memory for the peer, field for this process's threads), re-checks everything a
     * waker could have added before it saw the announcement, and only then blocks on the socket. While synchronous
     * callers read, sleeps without announcing: the callers read, and the last to leave re-arms.
     */
    private void sleep() throws IOException {
        sleeping = true;
        try {
            if (mayBlock() && !closeReady) {
                sleeps++;
                long start = System.nanoTime();
                control.await(SAFETY_WAKE_MILLIS);
                if (System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(SAFETY_WAKE_MILLIS) && readingCallers.get() == 0
                        && frameWaits()) {
                    lostWakeUps++;
                    log.warn("shm connection to {}: a frame waited without a wake-up", remoteAddress);
                }
            }
        } finally {
            sleeping = false;
            inbound.cancelSleep();
        }
    }

    /** Announces sleep and re-checks, role held; {@code true} when nothing is left to do. */
    private boolean mayBlock() {
        if (readingCallers.get() > 0) {
            return true; // callers read, and the last to leave re-arms
        }
        if (!tryTakeReadingRole()) {
            return readingCallers.get() > 0; // else the holder is just leaving: look again
        }
        try {
            inbound.announceSleep();
            return !hasWork();
        } finally {
            releaseReadingRole();
        }
    }

    private boolean frameWaits() {
        if (!tryTakeReadingRole()) {
            return false;
        }
        try {
            return inbound.hasRecord();
        } finally {
            releaseReadingRole();
        }
    }

    private int drain(int limit) {
        int records = 0;
        while (records < limit && deferred.isEmpty() && inbound.poll(assembler, 1) > 0) {
            records++;
            ByteBuffer frame = assembler.takeFrame();
            if (frame != null) {
                handler.onFrame(this, frame);
            }
        }
        return records;
    }

    private int deliverDeferred() {
        int delivered = 0;
        for (ByteBuffer frame; (frame = deferred.poll()) != null; delivered++) {
            deferredBytes -= frame.remaining();
            handler.onFrame(this, frame);
        }
        return delivered;
    }

    private int runTasks() {
        int ran = 0;
        for (Runnable task; (task = tasks.poll()) != null; ran++) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("A task on shm connection to {} failed", remoteAddress, e);
            }
        }
        return ran;
    }

    /** The peer closed in order (everything it sent is in the ring: deliver it) or vanished. */
    private Throwable peerClosed(ControlChannel.Event event) {
        closing.set(true);
        takeReadingRole(); // waiting callers see closing and leave
        try {
            while (deliverDeferred() + drain(BATCH) > 0) {
                // Frames written before the peer's close notice are delivered before onClose.
            }
        } finally {
            releaseReadingRole();
        }
        if (event == ControlChannel.Event.CLOSE_NOTICE) {
            return null;
        }
        return new UnavailableException(Completion.MAYBE, "shm connection to " + remoteAddress
                + " lost: the peer closed its socket without a close notice (its process exited or was killed)");
    }

    private void finish(Throwable cause) {
        servants.handOver(); // calls a batch deferred before it failed
        closing.set(true);
        inbound.markConsumerClosed();
        terminated = true;
        control.close();
        if (cause != null && !(cause instanceof UnavailableException)) {
            log.debug("shm connection to {} closed", remoteAddress, cause);
        }
        takeReadingRole(); // kept: nothing reads after this
        try {
            handler.onClose(this, cause);
        } catch (RuntimeException e) {
            log.warn("onClose of shm connection to {} failed", remoteAddress, e);
        }
        runTasks();
        onFinish.accept(this);
    }

    @Override
    public String toString() {
        return "shm connection to " + remoteAddress;
    }
}
