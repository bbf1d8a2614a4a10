package io.parley.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import io.parley.transport.netty.internal.ChannelRegistry;
import io.parley.transport.netty.internal.ChannelSetup;
import io.parley.transport.netty.internal.FramingLostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the server side of a TCP connection: arbitrary bytes, cut into arbitrary chunks, arrive at the pipeline that
 * {@link ChannelSetup} builds for an accepted connection (the transport's own decoder and connection handler, in an
 * {@link EmbeddedChannel} instead of a socket).
 *
 * <p>Input layout: byte 0 seeds the chunk sizes (0: everything in one chunk), byte 1 is the index of the frame whose
 * handler call throws (255: none), the rest is the byte stream. Holds:
 * <ul>
 * <li>the frames delivered are exactly those the stream declares, in order, up to the first impossible length
 *     (negative or above {@code maxFrameBytes}) or the handler's failure, whichever comes first;</li>
 * <li>an impossible length closes the connection with a {@link FramingLostException} naming it, a handler failure
 *     closes it with that failure, and nothing else escapes the pipeline;</li>
 * <li>a declared length is never allocated before its bytes arrive: what the pipeline allocates stays proportional to
 *     the bytes received, however large the declared lengths.</li>
 * </ul>
 */
class NettyFramingFuzzTest {
    /** Large, so that allocating a declared length would dwarf the bound below. */
    private static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

    @FuzzTest(maxDuration = "2m")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void frames(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int chunkSeed = input[0] & 0xff;
        int failAt = input[1] & 0xff;
        byte[] stream = Arrays.copyOfRange(input, 2, input.length);
        Expected expected = Expected.of(stream, failAt);

        long bound = Allocation.SLACK + 16L * stream.length;
        Recorder[] last = new Recorder[1];
        long allocated = Allocation.during(() -> last[0] = feed(stream, chunkSeed, failAt), bound);
        Recorder recorder = last[0];

        assertEquals(List.of(), recorder.violations, "FrameHandler guarantees broken");
        assertEquals(expected.frames.size(), recorder.frames.size(), "number of frames delivered");
        for (int i = 0; i < expected.frames.size(); i++) {
            assertTrue(Arrays.equals(expected.frames.get(i), recorder.frames.get(i)), "frame " + i);
        }
        assertTrue(recorder.opened, "onOpen");
        assertTrue(recorder.closed, "onClose");
        if (expected.handlerFails) {
            assertInstanceOf(HandlerFailure.class, recorder.closeCause, "close cause");
        } else if (expected.impossibleLength != null) {
            assertInstanceOf(FramingLostException.class, recorder.closeCause, "close cause");
            assertTrue(recorder.closeCause.getMessage().contains("frame length " + expected.impossibleLength),
                    recorder.closeCause.getMessage());
        } else {
            assertNull(recorder.closeCause, "close cause of an orderly close");
        }
        assertTrue(allocated <= bound, "allocated " + allocated + " bytes for a stream of " + stream.length
                + " bytes (bound " + bound + ")");
    }

    /** Feeds {@code stream} to a new connection's pipeline in chunks, then closes it. */
    private static Recorder feed(byte[] stream, int chunkSeed, int failAt) {
        Recorder recorder = new Recorder(failAt);
        // A plain TCP listener's pipeline (no TLS): the bytes reach the frame decoder as they came.
        EmbeddedChannel channel = new EmbeddedChannel(ChannelSetup.accepted(recorder, MAX_FRAME_BYTES,
                new ChannelRegistry(), null));
        for (byte[] chunk : Chunks.cut(stream, chunkSeed)) {
            if (!channel.isOpen()) {
                break;
            }
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
        }
        channel.checkException(); // anything the pipeline let through to its tail
        channel.finishAndReleaseAll();
        return recorder;
    }

    /** What the stream declares, parsed independently of the transport. */
    private static final class Expected {
        final List<byte[]> frames = new ArrayList<>();
        Integer impossibleLength;
        boolean handlerFails;

        static Expected of(byte[] stream, int failAt) {
            Expected expected = new Expected();
            ByteBuffer in = ByteBuffer.wrap(stream);
            while (in.remaining() >= 4) {
                int length = in.getInt(in.position());
                if (length < 0 || length > MAX_FRAME_BYTES) {
                    expected.impossibleLength = length;
                    break;
                }
                if (in.remaining() - 4 < length) {
                    break;
                }
                byte[] frame = new byte[length];
                in.position(in.position() + 4).get(frame);
                expected.frames.add(frame);
                if (expected.frames.size() - 1 == failAt) {
                    expected.handlerFails = true;
                    break;
                }
            }
            return expected;
        }
    }

    private static final class HandlerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HandlerFailure() {
            super("injected by the fuzz test", null, false, false);
        }
    }

    /**
     * Copies every frame (the buffer is valid during the call only) and throws at frame {@code failAt}. Broken
     * guarantees are collected, not thrown: the connection handler would take an assertion error for a handler
     * failure.
     */
    private static final class Recorder implements FrameHandler {
        final List<byte[]> frames = new ArrayList<>();
        final List<String> violations = new ArrayList<>();
        final int failAt;
        boolean opened;
        boolean closed;
        Throwable closeCause;

        Recorder(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public void onOpen(Connection connection) {
            check(!opened && !closed, "onOpen once, first");
            opened = true;
        }

        @Override
        public void onFrame(Connection connection, ByteBuffer frame) {
            check(opened && !closed, "a frame between onOpen and onClose");
            byte[] bytes = new byte[frame.remaining()];
            frame.get(bytes);
            frames.add(bytes);
            if (frames.size() - 1 == failAt) {
                throw new HandlerFailure();
            }
        }

        @Override
        public void onClose(Connection connection, Throwable cause) {
            check(opened && !closed, "onClose once, after onOpen");
            closed = true;
            closeCause = cause;
        }

        private void check(boolean holds, String guarantee) {
            if (!holds) {
                violations.add(guarantee);
            }
        }
    }
}
