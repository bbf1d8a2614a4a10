package io.parley.bench.parley;

import io.parley.Remote;

/** The benchmark's service as a Parley remote interface. */
@Remote
public interface BenchService {

    int add(int a, int b);

    byte[] echo(byte[] payload);
}
