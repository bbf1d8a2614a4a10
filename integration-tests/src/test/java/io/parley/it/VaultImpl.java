package io.parley.it;

import io.parley.CallContext;
import io.parley.Identity;
import java.util.concurrent.atomic.AtomicInteger;

/** The servant behind {@link Vault}; counts what ran, so that tests can show a refused call ran nothing. */
public class VaultImpl implements Vault {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public String whoAmI() {
        calls.incrementAndGet();
        return CallContext.current().identity().map(Identity::toString).orElse("nobody");
    }

    @Override
    public String secret() {
        calls.incrementAndGet();
        return "the secret";
    }
}
