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
 *   FrameDecoder        LengthFieldBasedFrameDecoder: cuts the stream into frames (a slice, no copy); a negative
 *        |              or too-large length closes this connection with one WARN line
 *        v
 *   ConnectionHandler   FrameHandler.onOpen / onFrame / onClose, on this connection's event-loop thread
 *
 *   Connection.send(frame) --> one pooled buffer [length | bytes] --> FrameWriter --> socket
 * </pre>
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
 */
package io.parley.transport.netty;
