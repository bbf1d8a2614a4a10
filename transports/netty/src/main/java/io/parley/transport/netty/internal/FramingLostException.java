package io.parley.transport.netty.internal;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * A length prefix that cannot start a frame: negative, or larger than {@code maxFrameBytes}. Nothing after it can
 * be trusted to be a frame boundary, so the connection is closed.
 */
public final class FramingLostException extends CorruptedFrameException {
    private static final long serialVersionUID = 1L;

    FramingLostException(int lengthSeen, int maxFrameBytes) {
        super("framing lost: frame length " + lengthSeen + " (expected: 0 to maxFrameBytes=" + maxFrameBytes + ")");
    }
}
