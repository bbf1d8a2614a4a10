package io.parley.bench.leases;

import io.parley.Remote;

/** Served by the lease experiment's client JVM: the harness asks it to pass new callback objects to the server. */
@Remote
public interface CallbackDriver {

    /**
     * Makes {@code count} sequential calls to the server, each passing a new listener object that the server calls
     * back once and releases, and drops each listener after its call. Returns the calls whose answer checked out.
     */
    int passNewCallbacks(int count);
}
