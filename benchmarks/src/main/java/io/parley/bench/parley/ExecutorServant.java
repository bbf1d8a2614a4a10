package io.parley.bench.parley;

/** The servant as most users write it: its calls run on the Orb's servant executor. */
public class ExecutorServant implements BenchService {

    @Override
    public int add(int a, int b) {
        return a + b;
    }

    @Override
    public byte[] echo(byte[] payload) {
        return payload;
    }
}
