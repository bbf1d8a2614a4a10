package io.parley.it;

import io.parley.Remote;
import io.parley.Timeout;
import java.util.concurrent.CompletableFuture;

/** The client's asynchronous view of {@link Sleeper}: same service, same wire, futures instead of values. */
@Remote(name = "Sleeper")
@Timeout(30_000)
public interface AsyncSleeper {
    CompletableFuture<String> sleep(String tag, int millis);

    CompletableFuture<String> hold(String tag);

    CompletableFuture<String> forwardHold(String tag);

    CompletableFuture<String> forwardSleep(String tag, int millis);

    CompletableFuture<String> outcome(String tag);
}
