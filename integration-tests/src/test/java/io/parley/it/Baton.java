package io.parley.it;

import io.parley.Remote;

/** A remote interface for the tests of where servant calls run: reports its thread, and calls that wait for others. */
@Remote
public interface Baton {
    /** The name of the thread the servant runs on. */
    String threadName();

    /** Blocks until {@link #release} of the same token (30 s at most); returns the token. */
    int awaitRelease(int token);

    /** Lets the calls waiting for {@code token} go. */
    void release(int token);

    int add(int a, int b);

    /** Sleeps {@code millis}, then returns {@code value}. */
    int slow(int value, int millis);

    /** Calls {@code tally} back once with {@code value}, on the connection this call came on; its answer, and where. */
    String callBack(Tally tally, int value);
}
