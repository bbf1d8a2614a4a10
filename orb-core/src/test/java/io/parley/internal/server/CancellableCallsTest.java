package io.parley.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.spi.transport.Connection;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which calls a cancel message reaches: its own connection's, by sequence id, while in flight. */
@Timeout(10)
class CancellableCallsTest {
    private final CancellableCalls calls = new CancellableCalls();
    private final Connection one = new NamedConnection("one");
    private final Connection two = new NamedConnection("one"); // equal by its class's equals: still another one

    @Test
    void aCancelReachesTheCallOfItsConnectionAndSequenceIdOnly() {
        CallCancellation call = new CallCancellation() { };
        calls.add(one, 7, call);
        assertFalse(calls.cancel(one, 8), "another sequence id");
        assertFalse(calls.cancel(two, 7), "another connection, even one that equals it");
        assertFalse(call.isCancelled());
        assertTrue(calls.cancel(one, 7));
        assertTrue(call.isCancelled());
    }

    @Test
    void anAnsweredCallIsNoLongerReachable() {
        CallCancellation call = new CallCancellation() { };
        calls.add(one, 1, call);
        calls.remove(call);
        assertEquals(0, calls.size());
        assertFalse(calls.cancel(one, 1), "a cancel for a call answered already is ignored");
        assertFalse(call.isCancelled());
    }

    @Test
    void aReusedSequenceIdReplacesTheOldCallWhichThenCannotRemoveTheNewOne() {
        CallCancellation old = new CallCancellation() { };
        CallCancellation reused = new CallCancellation() { };
        calls.add(one, 3, old);
        calls.add(one, 3, reused);
        calls.remove(old);
        assertTrue(calls.cancel(one, 3));
        assertTrue(reused.isCancelled());
        assertFalse(old.isCancelled());
    }

    @Test
    void aCallNeverAddedIsRemovedHarmlessly() {
        calls.remove(new CallCancellation() { });
        assertEquals(0, calls.size());
    }

    /** A connection whose equals compares names, as a transport might write it. */
    private static final class NamedConnection implements Connection {
        private final String name;

        NamedConnection(String name) {
            this.name = name;
        }

        @Override
        public boolean send(ByteBuffer frame) {
            return true;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }

        @Override
        public String remoteAddress() {
            return name;
        }

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof NamedConnection named && named.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }
    }
}
