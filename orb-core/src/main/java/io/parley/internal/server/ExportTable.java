package io.parley.internal.server;

import io.parley.Completion;
import io.parley.ErrorCode;
import io.parley.MethodNotFoundException;
import io.parley.ObjectNotFoundException;
import io.parley.OrbException;
import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.MethodDescriptor;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The objects an Orb serves, keyed by object id. Thread-safe; lookups are lock-free. */
public final class ExportTable {
    private final ConcurrentMap<String, Export> byId = new ConcurrentHashMap<>();
    /** The first id each servant was exported under, by identity: what passing the servant by reference sends. */
    private final Map<Object, String> idByServant = Collections.synchronizedMap(new IdentityHashMap<>());

    /**
     * Adds an object.
     *
     * @throws OrbException (INVALID_CONFIGURATION) when the id is taken by another servant
     */
    public void add(String objectId, Object servant, boolean named, List<InterfaceDescriptor> interfaces) {
        Export export = new Export(objectId, servant, named, interfaces);
        Export previous = byId.putIfAbsent(objectId, export);
        if (previous != null && previous.servant() != servant) {
            throw new OrbException(ErrorCode.INVALID_CONFIGURATION, Completion.NO, "'" + objectId
                    + "' is already exported by another servant (" + previous.servant().getClass().getName()
                    + "); unexport it first or choose another name");
        }
        idByServant.putIfAbsent(servant, objectId);
    }

    /** The id {@code servant} is exported under (the first, when several), or {@code null}. */
    public String idOf(Object servant) {
        return idByServant.get(servant);
    }

    /** The servant exported under {@code objectId}, or {@code null}. */
    public Object servantOf(String objectId) {
        Export export = byId.get(objectId);
        return export == null ? null : export.servant();
    }

    /** How many objects are exported (the Orb's own system objects included). */
    public int size() {
        return byId.size();
    }

    /** Removes the object with that id; returns whether it was there. */
    public boolean remove(String objectId) {
        Export removed = byId.remove(objectId);
        if (removed == null) {
            return false;
        }
        synchronized (idByServant) {
            // Compared with equals: IdentityHashMap.remove(key, value) compares values by identity on newer JDKs.
            if (objectId.equals(idByServant.get(removed.servant()))) {
                idByServant.remove(removed.servant());
            }
        }
        return true;
    }

    /** Removes every export of {@code servant}; returns whether there was one. */
    public boolean removeServant(Object servant) {
        idByServant.remove(servant);
        return byId.values().removeIf(export -> export.servant() == servant);
    }

    /** Whether anything is exported. */
    public boolean isEmpty() {
        return byId.isEmpty();
    }

    /** The method a call names: used by the codec to learn the argument types before reading them. */
    MethodDescriptor resolve(String service, String objectId, String method) {
        Skeleton skeleton = skeleton(service, objectId);
        MethodDescriptor descriptor = skeleton.iface().method(method);
        if (descriptor == null) {
            throw new MethodNotFoundException(Completion.NO, "object '" + objectId + "' (" + service
                    + ") has no method '" + method + "'; caller and server disagree on the interface "
                    + skeleton.iface().type().getName());
        }
        return descriptor;
    }

    /** The skeleton serving {@code service} for {@code objectId}. */
    Skeleton skeleton(String service, String objectId) {
        Export export = byId.get(objectId);
        if (export == null) {
            throw new ObjectNotFoundException(Completion.NO, "no object '" + objectId + "' is exported here"
                    + " (it was unexported, or its server restarted); resolve the reference again");
        }
        Skeleton skeleton = export.skeleton(service);
        if (skeleton == null) {
            throw new ObjectNotFoundException(Completion.NO, "object '" + objectId + "' does not serve '" + service
                    + "' (it serves " + export.services() + ")");
        }
        return skeleton;
    }
}
