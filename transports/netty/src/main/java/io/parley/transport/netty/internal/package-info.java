/**
 * The Netty pipeline of the TCP transport: framing ({@link io.parley.transport.netty.internal.FrameDecoder}),
 * the bridge to core's {@code FrameHandler} ({@link io.parley.transport.netty.internal.ConnectionHandler}), the
 * {@code Connection} implementation ({@link io.parley.transport.netty.internal.NettyConnection}) and its write
 * path ({@link io.parley.transport.netty.internal.FrameWriter}). Not API: types here change without notice.
 */
package io.parley.transport.netty.internal;
