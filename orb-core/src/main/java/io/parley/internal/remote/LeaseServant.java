package io.parley.internal.remote;

import io.parley.NonBlocking;
import io.parley.internal.client.CallScope;
import io.parley.internal.client.Peer;
import java.util.List;
import java.util.Map;

/**
 * Serves {@link Leases} for the connection each message arrives on. Non-blocking (a short update of the lease
 * table), so it runs on the thread that read the message: no hand-off.
 */
@NonBlocking
final class LeaseServant implements Leases {
    private final LeaseTable table;

    LeaseServant(LeaseTable table) {
        this.table = table;
    }

    @Override
    public void release(Map<String, Integer> counts) {
        Peer peer = caller();
        if (peer != null) {
            counts.forEach((id, count) -> table.release(id, peer, count == null ? 0 : count));
        }
    }

    @Override
    public void retain(List<String> objectIds) {
        Peer peer = caller();
        if (peer != null) {
            objectIds.forEach(id -> table.retain(id, peer));
        }
    }

    private static Peer caller() {
        return CallScope.servedReferences() instanceof Peer peer ? peer : null;
    }
}
