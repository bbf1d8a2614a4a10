/**
 * The same-host shared-memory transport ({@code "shm"}): JDK only, no {@code sun.misc.Unsafe}, no JVM flags.
 *
 * <p><b>Per connection</b> one file in a private directory ({@code <dir>/parley-<user>}, mode 0700; files 0600;
 * {@code /dev/shm} by default) holding a header and two rings, client-to-server and server-to-client
 * ({@link io.parley.transport.shm.internal.ShmLayout}), accessed through {@code MethodHandles.byteBufferViewVarHandle}
 * on a {@code MappedByteBuffer} with acquire/release ordering. Each ring has many producer threads in one process
 * and one consumer thread in the other ({@link io.parley.transport.shm.internal.ShmRing}).
 *
 * <p><b>A Unix domain socket per connection</b> carries the handshake (versions and sizes negotiated; the file is
 * unlinked once both sides have mapped it, so nothing is left behind by a crash), the wake-ups and the orderly close
 * notice, and is the liveness signal: the kernel closes it when the peer dies, even on kill -9, and the surviving
 * side closes the connection with an {@code UnavailableException}. Listener sockets and files carry their owner's
 * pid in their names; those of dead processes are removed when a transport first uses the directory.
 *
 * <p><b>Waiting.</b> Each connection has one receive thread, which calls the frame handler. It spins on its ring
 * for {@link io.parley.transport.shm.ShmSettings#spinNanos()} (50 µs by default) after the last activity, then sets
 * a sleeping flag in shared memory, fences, re-checks the ring, and blocks on the socket; a producer, after
 * committing a record and fencing, reads the flag and writes one wake-up byte only if it can clear it (Dekker).
 * {@link io.parley.transport.shm.ShmSettings#BUSY_SPIN} never sleeps and keeps one core busy per connection.
 *
 * <p><b>Large frames</b> (over an eighth of a ring) are fragmented; the receiver reassembles at most the agreed
 * number at a time, each bounded by {@code maxFrameBytes}. Everything read from shared memory is checked like
 * network input; a violation closes that connection with a logged reason.
 *
 * <p><b>In the Orb</b> the transport is chosen automatically: an Orb with this module on its class path (and
 * {@code Orb.Builder.sharedMemory} on, the default) listens on shared memory beside TCP, under its
 * {@link io.parley.transport.shm.ShmTransport#hostIdentity() host identity} (a digest of the kernel's boot id and the
 * private directory's device and inode, see {@link io.parley.transport.shm.internal.HostIdentity}); a client whose
 * transport reports the same identity calls through shared memory, others over TCP.
 *
 * <p><b>Memory</b>: on Java 17 a mapping can only be released by the garbage collector, after a closed connection
 * is no longer referenced; the file itself is already unlinked.
 */
package io.parley.transport.shm;
