package io.parley.naming;

import io.parley.Export;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;

/** A ledger that names its server and, in server JVMs, prints every recorded call id ({@code RAN <id>}). */
@Export("ledger")
public class LedgerServant implements Ledger {
    private final String server;
    private final PrintStream journal;

    public LedgerServant(String server, PrintStream journal) {
        this.server = server;
        this.journal = journal;
    }

    @Override
    public String server() {
        return server;
    }

    @Override
    public CompletableFuture<String> serverAsync() {
        return CompletableFuture.completedFuture(server);
    }

    @Override
    public CompletableFuture<String> serverAfter(int millis) {
        return CompletableFuture.supplyAsync(() -> server,
                CompletableFuture.delayedExecutor(millis, java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    @Override
    public String record(String callId) {
        if (journal != null) {
            // Written through before answering: a killed server's journal holds every call it answered.
            journal.println("RAN " + callId);
            journal.flush();
        }
        return server;
    }
}
