package io.parley.bench.parley;

import io.parley.Orb;
import java.util.Objects;

/** The servant as most users write it: its calls run on the Orb's servant executor. */
public class ExecutorServant implements BenchService {

    private final Orb orb;

    /** {@code orb} is the Orb that serves this servant: it releases the listener proxies of {@link #callBack}. */
    public ExecutorServant(Orb orb) {
        this.orb = Objects.requireNonNull(orb, "orb");
    }

    @Override
    public int add(int a, int b) {
        return a + b;
    }

    @Override
    public byte[] echo(byte[] payload) {
        return payload;
    }

    @Override
    public int callBack(ValueListener listener, int value) {
        try {
            return listener.onValue(value);
        } finally {
            orb.release(listener);
        }
    }
}
