package io.parley.internal.server;

import io.parley.spi.transport.Connection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The server calls a cancel message ({@link io.parley.internal.CancelCall}) can reach, by the connection they came on
 * and their sequence id: a cancel reaches only the calls of its own connection, so it needs no authority beyond it.
 * A call is held from its dispatch until it is answered (or refused), so the map holds at most the calls in flight.
 */
final class CancellableCalls {
    private final ConcurrentMap<Key, CallCancellation> calls = new ConcurrentHashMap<>();

    /** Holds {@code call} until {@link #remove}; a later call with the same key (a reused sequence id) replaces it. */
    void add(Connection connection, int sequenceId, CallCancellation call) {
        Key key = new Key(connection, sequenceId);
        call.cancelKey = key;
        calls.put(key, call);
    }

    /** The call is answered: no cancel reaches it any more. */
    void remove(CallCancellation call) {
        Object key = call.cancelKey;
        if (key != null) {
            calls.remove(key, call);
        }
    }

    /**
     * Cancels the call {@code sequenceId} of {@code connection}; returns {@code false} when there is none (answered
     * already, not cancellable, or never sent), which is no error: cancels are best effort and race with answers.
     */
    boolean cancel(Connection connection, int sequenceId) {
        CallCancellation call = calls.get(new Key(connection, sequenceId));
        if (call == null) {
            return false;
        }
        call.cancel();
        return true;
    }

    /** How many calls are held now. */
    int size() {
        return calls.size();
    }

    /** A connection, by identity (whatever its class's equals says), and a sequence id. */
    private record Key(Connection connection, int sequenceId) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.connection == connection && key.sequenceId == sequenceId;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(connection) * 31 + sequenceId;
        }
    }
}
