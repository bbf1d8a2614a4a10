package io.parley.it;

import io.parley.Allowed;
import io.parley.Remote;

/** A remote interface with access rules, for the access-control tests. */
@Remote
@Allowed
public interface Vault {
    /** The caller's identity as the servant sees it. */
    String whoAmI();

    @Allowed({"admin", "auditor"})
    String secret();
}
