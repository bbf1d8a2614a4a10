package io.parley.testing;

import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link FrameHandler} that records what a transport tells it, optionally echoes every frame back, and checks the
 * callback contract as it goes: {@code onOpen} once and first, frames only while open, {@code onClose} once, and
 * never two callbacks for one connection at the same time. Frames are copied, since their buffers are only valid
 * during the call.
 *
 * <p>Thread-safe: the transport calls it from its I/O threads while a test reads it from the test thread; the
 * {@code await} methods wait up to {@link #TIMEOUT} and fail the test after that.
 */
public final class RecordingFrameHandler implements FrameHandler {
    /** How long an {@code await} method waits. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One received frame, its connection, and the thread that delivered it. */
    public record Frame(Connection connection, byte[] bytes, Thread thread) {
    }

    /** One {@code onClose}. */
    public record Close(Connection connection, Throwable cause) {
    }

    private enum Phase { OPEN, CLOSED }

    private static final class State {
        volatile Phase phase = Phase.OPEN;
        final AtomicBoolean inCallback = new AtomicBoolean();
    }

    /** What the handler sends back for each frame it records. */
    private enum Reply { NONE, ECHO, ACKNOWLEDGE }

    /** The bytes of an acknowledgement: the first ones of the frame acknowledged. */
    public static final int ACKNOWLEDGEMENT_BYTES = 16;

    private final Reply reply;
    private final BlockingQueue<Connection> opens = new LinkedBlockingQueue<>();
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final BlockingQueue<Close> closes = new LinkedBlockingQueue<>();
    private final Map<Connection, State> states = Collections.synchronizedMap(new IdentityHashMap<>());
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<Connection> opened = new CopyOnWriteArrayList<>();
    private final List<Close> closed = new CopyOnWriteArrayList<>();

    private RecordingFrameHandler(Reply reply) {
        this.reply = reply;
    }

    /** Records only. */
    public static RecordingFrameHandler recording() {
        return new RecordingFrameHandler(Reply.NONE);
    }

    /** Records, and sends every frame back on its connection from the I/O thread. */
    public static RecordingFrameHandler echoing() {
        return new RecordingFrameHandler(Reply.ECHO);
    }

    /**
     * Records, and answers every frame on its connection from the I/O thread with a small frame: its first
     * {@link #ACKNOWLEDGEMENT_BYTES} bytes. Answers whose connection closed meanwhile are dropped.
     */
    public static RecordingFrameHandler acknowledging() {
        return new RecordingFrameHandler(Reply.ACKNOWLEDGE);
    }

    @Override
    public void onOpen(Connection connection) {
        State state = new State();
        if (states.putIfAbsent(connection, state) != null) {
            violations.add("onOpen called twice for " + connection);
            return;
        }
        enter(connection, state, "onOpen");
        opened.add(connection);
        opens.add(connection);
        exit(state);
    }

    @Override
    public void onFrame(Connection connection, ByteBuffer frame) {
        State state = states.get(connection);
        if (state == null || state.phase != Phase.OPEN) {
            violations.add("onFrame " + (state == null ? "before onOpen" : "after onClose") + " for " + connection);
            return;
        }
        enter(connection, state, "onFrame");
        byte[] bytes = new byte[frame.remaining()];
        frame.duplicate().get(bytes);
        if (reply == Reply.ECHO) {
            connection.send(ByteBuffer.wrap(bytes));
        } else if (reply == Reply.ACKNOWLEDGE) {
            connection.send(ByteBuffer.wrap(bytes, 0, Math.min(bytes.length, ACKNOWLEDGEMENT_BYTES)));
        }
        frames.add(new Frame(connection, bytes, Thread.currentThread()));
        exit(state);
    }

    @Override
    public void onClose(Connection connection, Throwable cause) {
        State state = states.get(connection);
        if (state == null || state.phase != Phase.OPEN) {
            violations.add("onClose " + (state == null ? "without onOpen" : "called twice") + " for " + connection);
            return;
        }
        enter(connection, state, "onClose");
        state.phase = Phase.CLOSED;
        Close close = new Close(connection, cause);
        closed.add(close);
        closes.add(close);
        exit(state);
    }

    private void enter(Connection connection, State state, String callback) {
        if (!state.inCallback.compareAndSet(false, true)) {
            violations.add(callback + " ran while another callback for " + connection + " was running");
        }
    }

    private static void exit(State state) {
        state.inCallback.set(false);
    }

    /** The next connection opened. */
    public Connection awaitOpen() {
        return poll(opens, "onOpen");
    }

    /** The next frame received. */
    public Frame awaitFrame() {
        return poll(frames, "a frame");
    }

    /** The next {@code count} frames received, in order of arrival. */
    public List<Frame> awaitFrames(int count) {
        List<Frame> result = new ArrayList<>(count);
        long deadline = System.nanoTime() + TIMEOUT.toNanos() + count * 1_000_000L;
        while (result.size() < count) {
            Frame frame = pollUntil(frames, deadline);
            if (frame == null) {
                throw new AssertionError("received " + result.size() + " of " + count + " frames within the timeout");
            }
            result.add(frame);
        }
        return result;
    }

    /** The next {@code onClose}. */
    public Close awaitClose() {
        return poll(closes, "onClose");
    }

    /** Frames received and not yet taken by an {@code await} method. */
    public int framesWaiting() {
        return frames.size();
    }

    /** Connections opened so far. */
    public List<Connection> opened() {
        return List.copyOf(opened);
    }

    /** Closes reported so far. */
    public List<Close> closed() {
        return List.copyOf(closed);
    }

    /** Breaches of the callback contract seen so far. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /**
     * Fails unless the callback contract held and every opened connection was closed exactly once (waiting for
     * closes still in flight).
     */
    public void assertContractKept() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (closed.size() < opened.size() && System.nanoTime() < deadline) {
            sleepBriefly();
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("frame handler contract broken: " + violations);
        }
        if (closed.size() != opened.size()) {
            throw new AssertionError(opened.size() + " connections opened but " + closed.size() + " closed");
        }
    }

    private static <T> T poll(BlockingQueue<T> queue, String what) {
        T item = pollUntil(queue, System.nanoTime() + TIMEOUT.toNanos());
        if (item == null) {
            throw new AssertionError("no " + what + " within " + TIMEOUT.toSeconds() + " s");
        }
        return item;
    }

    private static <T> T pollUntil(BlockingQueue<T> queue, long deadline) {
        try {
            return queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
