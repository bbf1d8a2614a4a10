package io.parley.internal.client;

import io.parley.spi.MethodDescriptor;
import java.util.concurrent.CompletableFuture;

/**
 * A call sent and not yet answered: completed by the connection's I/O thread when the reply arrives, by the timer
 * when its deadline passes, or by the connection's loss.
 */
final class PendingCall extends CompletableFuture<Object> {
    private final MethodDescriptor method;
    private final int sequenceId;

    PendingCall(MethodDescriptor method, int sequenceId) {
        this.method = method;
        this.sequenceId = sequenceId;
    }

    MethodDescriptor method() {
        return method;
    }

    /** The call's sequence id on its connection: what a cancel message names. */
    int sequenceId() {
        return sequenceId;
    }
}
