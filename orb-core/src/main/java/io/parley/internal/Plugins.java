package io.parley.internal;

import io.parley.Completion;
import io.parley.ErrorCode;
import io.parley.OrbException;
import java.util.Iterator;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Predicate;

/** Finds plugins on the class path, with an error that names the artifact to add when one is missing. */
final class Plugins {
    private Plugins() {
    }

    static <T> T find(Class<T> spi, Predicate<T> accept, String what, String artifact) {
        return findOptional(spi, accept).orElseThrow(() -> new OrbException(ErrorCode.INVALID_CONFIGURATION, Completion.NO, "no " + what + " found on the class "
                + "path: add the dependency io.parley:" + artifact + " (or io.parley:parley, which brings every "
                + "default plugin), or set one on Orb.builder()"));
    }

    /** The first provider that {@code accept} takes, if any: for optional plugins (shared memory). */
    static <T> Optional<T> findOptional(Class<T> spi, Predicate<T> accept) {
        Iterator<T> providers = ServiceLoader.load(spi, Plugins.class.getClassLoader()).iterator();
        while (providers.hasNext()) {
            T provider = providers.next();
            if (accept.test(provider)) {
                return Optional.of(provider);
            }
        }
        return Optional.empty();
    }
}
