package io.parley.internal.remote;

import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;

/**
 * One end of the collocated "connection" of an Orb with itself: a frame sent on one end is handed, on the sending
 * thread, to the handler of the other end. A collocated call thus takes the whole call path (client interceptors,
 * encoding, decoding, server interceptors, servant, and back), so value arguments and results are copies exactly
 * as over a network, with no transport, no socket and no thread hand-off.
 *
 * <p>The codec's frames are valid only until the thread's next encode; the receiving handler decodes each before
 * this {@link #send} returns, as every {@link FrameHandler} must.
 */
final class LocalConnection implements Connection {
    private final String name;
    private final Executor executor;
    private LocalConnection other;
    private FrameHandler receiver; // the other end's handler: gets what this end sends
    private volatile boolean open = true;

    private LocalConnection(String name, Executor executor) {
        this.name = name;
        this.executor = executor;
    }

    /** Two connected ends: {@code [client end, server end]}; handlers are given with {@link #receiver}. */
    static LocalConnection[] pair(String orbName, Executor executor) {
        LocalConnection client = new LocalConnection(orbName + " (collocated caller)", executor);
        LocalConnection server = new LocalConnection(orbName + " (collocated)", executor);
        client.other = server;
        server.other = client;
        return new LocalConnection[] {client, server};
    }

    /** What receives the frames sent on this end (the other end's handler). Set before first use. */
    void receiver(FrameHandler handler) {
        this.receiver = handler;
    }

    @Override
    public boolean send(ByteBuffer frame) {
        if (!open) {
            return false;
        }
        receiver.onFrame(other, frame);
        return true;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** The collocated connection lasts as long as the Orb: closing it (an idle sweep) changes nothing. */
    @Override
    public void close() {
    }

    /** Ends both directions when the Orb closes. */
    void shutdown() {
        open = false;
        other.open = false;
    }

    @Override
    public String remoteAddress() {
        return name;
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    @Override
    public String toString() {
        return "local connection of " + name;
    }
}
