/**
 * The TCP transport ({@code "tcp"}), built on Netty's NIO transport. It moves opaque frames in Thrift's
 * {@code TFramedTransport} format, so any standard Thrift client can connect:
 *
 * <pre>
 *   +----------------------------+---------------------------------+
 *   | length: int32, big-endian  | frame: {@code length} bytes     |
 *   +----------------------------+---------------------------------+
 * </pre>
 *
 * <h2>Pipeline of one connection</h2>
 *
 * <pre>
 *   socket bytes
 *        |
 *        v
 *   SslHandler          "tls" endpoints only (TlsContexts): the handshake, then decryption; FrameHandler.onOpen waits
 *        |              for the handshake, and the peer's verified certificate becomes Connection.peerIdentity()
 *        v
 *   FrameDecoder        cuts the stream into frames and hands each straight to the ConnectionHandler (no slice, no
 *        |              trip through the pipeline); a negative or too-large length closes this connection with one
 *        |              WARN line
 *        v
 *   ConnectionHandler   FrameHandler.onOpen / onFrame / onClose, on this connection's event-loop thread; a frame of
 *                       up to 4 KiB is copied into the connection's reusable heap buffer, a larger one is a view of
 *                       the read buffer
 *
 *   Connection.send(frame) --> one pooled buffer [length | bytes] --> FrameWriter --> (SslHandler) --> socket
 * </pre>
 *
 * <p>The pipeline is built in one place, {@code ChannelSetup.initChannel}. With TLS (a {@code TlsConfig} in the
 * transport's settings) the transport's listeners serve TLS only and its name is {@code "tls"}; any transport
 * connects to {@code "tcp"} endpoints in plain TCP and to {@code "tls"} ones with TLS. A failed handshake never opens
 * a connection: the client's connect fails with an {@code UnavailableException} (completion NO) saying what to
 * change, the server logs one WARN line. The JDK's TLS implementation is used ({@code SslProvider.JDK}), whose
 * delegated tasks (certificate checks) run inline on the connection's thread.
 *
 * <h2>Threads</h2>
 *
 * <p>One {@link io.netty.channel.MultiThreadIoEventLoopGroup} per transport serves everything: accepting, client
 * connections and accepted connections. Accepting is rare and cheap, so a separate boss thread would mostly sleep,
 * and a process that both calls and serves would otherwise run two sets of I/O threads competing for few cores.
 * The group has {@code min(2, cores)} daemon threads unless {@code TransportSettings.ioThreads()} says otherwise;
 * their names start with {@code TransportSettings.threadNamePrefix() + "-tcp"}.
 *
 * <p>Receiving costs no hand-off: the event loop that reads the bytes calls {@code FrameHandler.onFrame}.
 * Sending from the event loop (a reply written from {@code onFrame}) writes directly, and the flush waits for the
 * end of the current read batch. Sending from any other thread copies the frame into a pooled buffer in the
 * caller's thread, queues it, and schedules one drain task on the event loop only if none is pending: under load,
 * many frames from many threads share one task, one flush and one system call.
 *
 * <h2>Caller-driven client connections (the default; {@code -Dparley.tcp.callerDriven=false} turns them off)</h2>
 *
 * <p>A synchronous call costs two thread hand-offs on the client with the event-loop group: the caller wakes the
 * event loop to write its frame, and the event loop wakes the caller with the reply. With this setting the
 * transport's client connections share one {@code LeasedIoEventLoop} instead (one selector), whose "event-loop
 * thread" is whichever thread holds its lease:
 *
 * <ul>
 * <li>A synchronous caller ({@code Connection.sendAndAwait}) that finds the lease free takes it, reads pending I/O
 *     without blocking (a close by the server while the connection was idle shows now, and the frame is refused
 *     instead of written into a dead socket), writes and flushes its frame, selects and reads until its reply came
 *     (core's {@code onFrame} completes the call on this thread) or its deadline passed, and gives the lease up.
 *     A sequential call involves no other client thread.</li>
 * <li>A caller that finds the lease taken queues its frame for the holder, wakes the holder's select and parks as
 *     a follower. The holder unparks followers whose replies it read; when it leaves, it unparks one follower still
 *     waiting, which takes the lease over (leader/follower).</li>
 * <li>{@code Connection.send} (asynchronous and oneway frames) writes on the caller's thread when the lease is
 *     free, else queues.</li>
 * <li>One background driver thread per transport ({@code prefix-tcp-driver}) takes the lease only while work is
 *     left that no caller drives (connecting, asynchronous calls in flight as {@code FrameHandler.awaitsFrames}
 *     says, queued tasks, unflushed bytes, closing) and sleeps otherwise, without the lease.</li>
 * </ul>
 *
 * <p>An idle client connection is then read by nobody, so its handler's {@code onClose} for a close by the server
 * runs at its next use. Accepted connections always run on the event-loop group.
 */
package io.parley.transport.netty;
