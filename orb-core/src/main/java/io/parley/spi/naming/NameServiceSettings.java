package io.parley.spi.naming;

import io.parley.NamingConfig;
import java.util.Objects;

/**
 * What a {@link NameServiceProvider} needs to create a {@link NameService}.
 *
 * @param config    where names are kept and how to connect
 * @param replicaId identifies this process's run: the id of every replica it binds, unique among live processes
 * @param orbName   the Orb's name, for thread names and log lines
 */
public record NameServiceSettings(NamingConfig config, String replicaId, String orbName) {
    public NameServiceSettings {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(replicaId, "replicaId");
        Objects.requireNonNull(orbName, "orbName");
    }
}
