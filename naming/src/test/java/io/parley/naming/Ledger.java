package io.parley.naming;

import io.parley.Idempotent;
import io.parley.Remote;
import java.util.concurrent.CompletableFuture;

/** The remote interface of the naming tests: one idempotent and one non-idempotent method. */
@Remote
public interface Ledger {

    /** Which server answered; safe to repeat. */
    @Idempotent
    String server();

    /** The same, asynchronously. */
    @Idempotent
    CompletableFuture<String> serverAsync();

    /** Which server answered, after {@code millis}: a call that stays in flight. */
    @Idempotent
    CompletableFuture<String> serverAfter(int millis);

    /** Records a call id: not idempotent, every run counts. Returns the server's name. */
    String record(String callId);
}
