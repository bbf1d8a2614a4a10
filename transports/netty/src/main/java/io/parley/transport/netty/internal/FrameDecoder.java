package io.parley.transport.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Cuts the byte stream of one connection into frames: a 4-byte big-endian signed length, then that many bytes
 * (Thrift's {@code TFramedTransport}). Each frame is passed on as a retained slice of the read buffer, without
 * copying and without the length. Runs on the connection's event loop; one instance per connection.
 */
final class FrameDecoder extends LengthFieldBasedFrameDecoder {
    /** Size of the length prefix. */
    static final int LENGTH_BYTES = 4;

    private final int maxFrameBytes;
    private boolean framingLost;

    FrameDecoder(int maxFrameBytes) {
        // Netty's limit counts the prefix too. failFast: a too-long frame fails on its prefix, before any of its
        // bytes are buffered.
        super(withPrefix(maxFrameBytes), 0, LENGTH_BYTES, 0, LENGTH_BYTES, true);
        this.maxFrameBytes = maxFrameBytes;
    }

    private static int withPrefix(int maxFrameBytes) {
        return (int) Math.min(Integer.MAX_VALUE, (long) maxFrameBytes + LENGTH_BYTES);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (framingLost) {
            // The connection is closing; later bytes, and the decode on channel inactive, must not fail again.
            in.skipBytes(in.readableBytes());
            return null;
        }
        if (in.readableBytes() >= LENGTH_BYTES) {
            // Checked before the superclass's own checks so the failure names the length seen and the setting,
            // and so nothing is ever allocated or awaited for an impossible length.
            int length = in.getInt(in.readerIndex());
            if (length < 0 || length > maxFrameBytes) {
                framingLost = true;
                in.skipBytes(in.readableBytes());
                throw new FramingLostException(length, maxFrameBytes);
            }
        }
        return super.decode(ctx, in);
    }
}
