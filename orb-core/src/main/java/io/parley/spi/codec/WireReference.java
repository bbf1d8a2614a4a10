package io.parley.spi.codec;

import io.parley.Endpoint;
import java.util.List;
import java.util.Objects;

/**
 * A reference to a remote object as it travels inside a message: the fields of the IDL struct {@code RemoteRef}
 * ({@code 1: string service_, 2: string objectId, 3: list<Endpoint> endpoints, 4: i64 incarnation}) plus
 * {@code 5: optional bool fromSender}, which standard readers skip.
 *
 * <p>Unlike {@link io.parley.RemoteRef}, the endpoint list may be empty: an Orb that listens nowhere (a client behind
 * NAT) still passes references to its objects, which are then reached only over the connection they came on.
 *
 * @param service     the remote interface's service name
 * @param objectId    the object id
 * @param endpoints   where the owner listens; empty when it listens nowhere
 * @param incarnation the owning Orb's run
 * @param fromSender  whether the process that sent the message owns the object, so that the receiver calls it back
 *                    over the connection the message came on (which works even when the owner listens nowhere)
 */
public record WireReference(String service, String objectId, List<Endpoint> endpoints, long incarnation,
        boolean fromSender) {

    public WireReference {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(objectId, "objectId");
        endpoints = List.copyOf(endpoints);
    }
}
