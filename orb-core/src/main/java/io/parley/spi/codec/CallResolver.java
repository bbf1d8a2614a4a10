package io.parley.spi.codec;

import io.parley.spi.MethodDescriptor;

/**
 * Finds the method a call names, so that the codec knows the argument types before it reads them. Implemented by
 * core over its export table.
 */
@FunctionalInterface
public interface CallResolver {

    /**
     * The method {@code method} of the object {@code objectId} serving {@code service}.
     *
     * @throws io.parley.ObjectNotFoundException when no such object is exported
     * @throws io.parley.MethodNotFoundException when it has no such method
     */
    MethodDescriptor resolve(String service, String objectId, String method);
}
