package io.parley.internal.remote;

import io.parley.Oneway;
import io.parley.Remote;
import java.util.List;
import java.util.Map;

/**
 * The lease messages between Orbs, served by every Orb under the object id {@value #OBJECT_ID} (which no user name
 * can be): a holder of references tells their owner when it holds more ({@link #retain}) or fewer
 * ({@link #release}). Both are oneway and concern the connection they arrive on: the owner counts leases per
 * connection, and a connection's close ends all of its leases.
 */
@Remote(name = Leases.SERVICE)
public interface Leases {
    /** The service name on the wire. */
    String SERVICE = "parley.Leases";
    /** The object id every Orb serves the lease messages under. */
    String OBJECT_ID = "~leases";

    /** The holder dropped {@code counts.get(id)} proxies of each object (closed, or garbage collected). */
    @Oneway
    void release(Map<String, Integer> counts);

    /**
     * The holder received references to these objects from someone other than their owner (a third party, or a
     * collocated copy): each is one more lease on this connection.
     */
    @Oneway
    void retain(List<String> objectIds);
}
