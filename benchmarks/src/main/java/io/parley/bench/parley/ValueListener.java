package io.parley.bench.parley;

import io.parley.Remote;

/**
 * The callback of {@link BenchService#callBack}: an object of the caller, passed by reference, that the server calls
 * back once over the caller's own connection.
 */
@Remote
public interface ValueListener {

    /** Called back by the server with the value of the call; its answer is the call's result. */
    int onValue(int value);

    /**
     * What every benchmark listener answers: a function of the value that the server does not compute itself, so a
     * call whose answer checks out has called the listener back.
     */
    static int expected(int value) {
        return ~value;
    }
}
