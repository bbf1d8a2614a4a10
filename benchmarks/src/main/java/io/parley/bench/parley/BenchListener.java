package io.parley.bench.parley;

/** The caller's listener: answers {@link ValueListener#expected}; it runs in the caller's JVM. */
public final class BenchListener implements ValueListener {

    @Override
    public int onValue(int value) {
        return ValueListener.expected(value);
    }
}
