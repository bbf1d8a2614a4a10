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
}
