package io.parley.naming.zookeeper;

import io.parley.spi.naming.NameService;
import io.parley.spi.naming.NameServiceProvider;
import io.parley.spi.naming.NameServiceSettings;

/** The {@code "zookeeper"} naming backend, found with {@link java.util.ServiceLoader}. */
public final class ZooKeeperNameServiceProvider implements NameServiceProvider {

    @Override
    public String name() {
        return "zookeeper";
    }

    @Override
    public NameService create(NameServiceSettings settings) {
        return ZooKeeperNameService.connect(settings);
    }
}
