package io.parley.bench.parley;

import io.parley.NonBlocking;

/** The same servant, promising not to block: its calls run on the transport's I/O thread. */
@NonBlocking
public class NonBlockingServant implements BenchService {

    @Override
    public int add(int a, int b) {
        return a + b;
    }

    @Override
    public byte[] echo(byte[] payload) {
        return payload;
    }

    /** Refused: a synchronous callback would block the I/O thread, which may be the one that must read its answer. */
    @Override
    public int callBack(ValueListener listener, int value) {
        throw new UnsupportedOperationException("a @NonBlocking servant does not call back (it would block the I/O "
                + "thread); the callback cases run on the executor servant");
    }
}
