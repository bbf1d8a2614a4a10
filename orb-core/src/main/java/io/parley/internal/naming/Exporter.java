package io.parley.internal.naming;

import io.parley.RemoteRef;

/** What naming needs from its Orb's export table: exporting and unexporting servants under names, without binding. */
public interface Exporter {

    /** Exports {@code servant} with object id {@code name} (again: a no-op for the same servant). */
    RemoteRef export(String name, Object servant);

    /** Stops serving the object with id {@code name}. */
    void unexport(String name);
}
