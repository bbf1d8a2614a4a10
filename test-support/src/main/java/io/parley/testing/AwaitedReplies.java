package io.parley.testing;

import io.parley.Completion;
import io.parley.UnavailableException;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import io.parley.testing.TaggedFrames.Tag;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A client-side handler for tests of {@link Connection#sendAndAwait}: each frame that arrives completes the future
 * expected for its tag with the thread that delivered it, as core's pending calls are completed by their replies; a
 * close fails every future still expected. Frames nobody expected are kept, in order.
 */
public final class AwaitedReplies implements FrameHandler {
    private final ConcurrentMap<Tag, CompletableFuture<Thread>> expected = new ConcurrentHashMap<>();
    private final List<Tag> unexpected = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Throwable> closed = new CompletableFuture<>();
    private final boolean onlyWhileExpected;

    /** A handler that always awaits frames (the {@link FrameHandler} default): transports always read. */
    public AwaitedReplies() {
        this(false);
    }

    private AwaitedReplies(boolean onlyWhileExpected) {
        this.onlyWhileExpected = onlyWhileExpected;
    }

    /**
     * A handler that, as core's client connections do, awaits frames only while some are expected
     * ({@link #awaitsFrames}): a transport may then leave an idle connection unread.
     */
    public static AwaitedReplies onlyWhileExpected() {
        return new AwaitedReplies(true);
    }

    /** The future that the frame tagged {@code tag} will complete. */
    public CompletableFuture<Thread> expect(Tag tag) {
        CompletableFuture<Thread> reply = new CompletableFuture<>();
        expected.put(tag, reply);
        return reply;
    }

    /** Frames that arrived with no future expecting them. */
    public List<Tag> unexpected() {
        return unexpected;
    }

    /** Completes with the close's cause ({@code null} for an orderly close). */
    public CompletableFuture<Throwable> closed() {
        return closed;
    }

    @Override
    public void onFrame(Connection connection, ByteBuffer frame) {
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        Tag tag = TaggedFrames.decode(bytes);
        CompletableFuture<Thread> reply = expected.remove(tag);
        if (reply == null) {
            unexpected.add(tag);
        } else {
            reply.complete(Thread.currentThread());
        }
    }

    @Override
    public boolean awaitsFrames() {
        return !onlyWhileExpected || !expected.isEmpty();
    }

    @Override
    public void onClose(Connection connection, Throwable cause) {
        for (Tag tag : expected.keySet()) {
            CompletableFuture<Thread> reply = expected.remove(tag);
            if (reply != null) {
                reply.completeExceptionally(new UnavailableException(Completion.MAYBE, "closed while awaited"));
            }
        }
        closed.complete(cause);
    }
}
