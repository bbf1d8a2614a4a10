package io.parley.spi.transport;

import io.parley.Endpoint;

/** A listening server socket (or its equivalent) of a transport. */
public interface Listener extends AutoCloseable {

    /** The endpoint it listens on, with the actual port when port 0 was asked for. */
    Endpoint endpoint();

    /** Stops accepting connections. Connections already accepted stay open until closed on their own. */
    @Override
    void close();
}
