package io.parley.transport.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts the byte stream of one connection into frames: a 4-byte big-endian signed length, then that many bytes
 * (Thrift's {@code TFramedTransport}). Runs on the connection's event loop; one instance per connection.
 *
 * <p>Each frame goes straight to the connection's {@link ConnectionHandler#frame} as a range of the cumulated read
 * buffer, instead of through the pipeline as a retained slice: no slice object, reference-count update or
 * pipeline traversal per frame. The range is valid during that call only, which is all the SPI promises.
 */
final class FrameDecoder extends ByteToMessageDecoder {
    /** Size of the length prefix. */
    static final int LENGTH_BYTES = 4;

    private final int maxFrameBytes;
    private final ConnectionHandler frames;
    private boolean framingLost;

    FrameDecoder(int maxFrameBytes, ConnectionHandler frames) {
        this.maxFrameBytes = maxFrameBytes;
        this.frames = frames;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (framingLost || !frames.accepting()) {
            // The connection is closing; later bytes, and the decode on channel inactive, must not fail again.
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < LENGTH_BYTES) {
            return;
        }
        // Checked before waiting for the bytes, so that the failure names the length seen and the setting, and so
        // nothing is ever buffered or awaited for an impossible length.
        int length = in.getInt(in.readerIndex());
        if (length < 0 || length > maxFrameBytes) {
            framingLost = true;
            in.skipBytes(in.readableBytes());
            throw new FramingLostException(length, maxFrameBytes);
        }
        if (in.readableBytes() - LENGTH_BYTES < length) {
            return; // the rest of the frame has not arrived
        }
        int start = in.readerIndex() + LENGTH_BYTES;
        // Consumed before the handler runs: whatever it does, the cursor is at the next frame. The bytes stay valid
        // until decode returns, since the cumulation only discards read bytes between calls.
        in.readerIndex(start + length);
        frames.frame(in, start, length);
    }
}
