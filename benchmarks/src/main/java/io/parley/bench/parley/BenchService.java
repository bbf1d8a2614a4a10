package io.parley.bench.parley;

import io.parley.Remote;

/** The benchmark's service as a Parley remote interface. */
@Remote
public interface BenchService {

    int add(int a, int b);

    byte[] echo(byte[] payload);

    /**
     * Calls {@code listener} back once with {@code value} and returns its answer; then releases its proxy of the
     * listener ({@code Orb.release}), as a server that keeps no callback should, so that the caller's Orb may drop
     * the listener's implicit export after its lease time.
     */
    int callBack(ValueListener listener, int value);
}
