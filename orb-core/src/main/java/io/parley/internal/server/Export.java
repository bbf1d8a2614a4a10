package io.parley.internal.server;

import io.parley.spi.InterfaceDescriptor;
import java.util.List;
import java.util.Map;

/**
 * One exported object: its id, the servant, and a skeleton per remote interface it serves (keyed by service name).
 */
final class Export {
    private final String objectId;
    private final Object servant;
    private final boolean named;
    private final Map<String, Skeleton> skeletons;

    Export(String objectId, Object servant, boolean named, List<InterfaceDescriptor> interfaces) {
        this.objectId = objectId;
        this.servant = servant;
        this.named = named;
        Map<String, Skeleton> byService = new java.util.HashMap<>();
        for (InterfaceDescriptor iface : interfaces) {
            byService.put(iface.serviceName(), new Skeleton(iface, servant));
        }
        this.skeletons = Map.copyOf(byService);
    }

    String objectId() {
        return objectId;
    }

    Object servant() {
        return servant;
    }

    boolean isNamed() {
        return named;
    }

    /** The skeleton serving {@code service}, or {@code null}. */
    Skeleton skeleton(String service) {
        return skeletons.get(service);
    }

    /** The service names this object serves, for error messages. */
    java.util.Set<String> services() {
        return skeletons.keySet();
    }
}
