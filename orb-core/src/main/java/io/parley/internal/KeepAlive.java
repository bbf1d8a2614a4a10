package io.parley.internal;

import io.parley.Remote;
import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.MethodDescriptor;

/**
 * The keepalive ping every Orb's server answers, under an object id no export can have (names have no {@code '~'},
 * transient ids are longer). A client pings a connection that has read nothing for {@code keepAliveInterval}: any
 * answer, even an error from an Orb that predates the ping, shows that the peer is alive. The server answers it on
 * the I/O thread, outside the call limits, and does not count it as a call for the idle timeout.
 */
@Remote(name = "parley.KeepAlive")
public interface KeepAlive {
    /** The object id pings are sent to. */
    String OBJECT_ID = "~keepalive";

    /** The service name pings are sent to. */
    String SERVICE = "parley.KeepAlive";

    /** The ping's method descriptor, shared by the client and the server. */
    MethodDescriptor PING = InterfaceDescriptor.of(KeepAlive.class).method("ping");

    /** Does nothing: the answer is the point. */
    void ping();
}
