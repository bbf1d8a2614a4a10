package io.parley.internal;

import io.parley.Oneway;
import io.parley.Remote;
import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.MethodDescriptor;

/**
 * The cancel message a client sends when its caller gives up on a call still in flight (it cancelled the future of an
 * asynchronous call, or its thread was interrupted while waiting), under an object id no export can have. Like the
 * {@link KeepAlive} ping, the server handles it on the I/O thread, outside the interceptors (access control) and the
 * call limits, and does not count it as a call for the idle timeout: it concerns only a call of the connection it
 * arrives on, named by that call's sequence id, so it needs no authority beyond the connection's. A sequence id the
 * server does not know (already answered, never cancellable, or from an Orb that predates the message) is ignored;
 * an older server ignores the whole message (a oneway call to an unknown object has no answer). Plain Thrift servers
 * are never sent one.
 */
@Remote(name = CancelCall.SERVICE)
public interface CancelCall {
    /** The object id cancel messages are sent to. */
    String OBJECT_ID = "~cancel";

    /** The service name cancel messages are sent to. */
    String SERVICE = "parley.Cancel";

    /** The message's method descriptor, shared by the client and the server. */
    MethodDescriptor CANCEL = InterfaceDescriptor.of(CancelCall.class).method("cancel");

    /** The caller no longer waits for the call {@code sequenceId} it sent on this connection. */
    @Oneway
    void cancel(int sequenceId);
}
