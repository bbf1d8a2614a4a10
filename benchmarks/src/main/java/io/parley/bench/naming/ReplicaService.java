package io.parley.bench.naming;

import io.parley.Idempotent;
import io.parley.Remote;

/**
 * The service of the naming cases, bound by every replica under one name. All methods are {@code @Idempotent}: a
 * call lost with a killed replica may then be repeated on another one, which is what the failover case measures.
 */
@Remote
public interface ReplicaService {

    @Idempotent
    int add(int a, int b);

    @Idempotent
    byte[] echo(byte[] payload);

    /** Which replica answered: the number the harness gave the server JVM (a restarted replica gets a new one). */
    @Idempotent
    int replicaId();
}
