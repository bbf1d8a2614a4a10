package io.parley.bench.naming;

/** One replica's servant, on the Orb's servant executor like the {@code parley} system's. */
public class ReplicaServant implements ReplicaService {

    private final int replicaId;

    public ReplicaServant(int replicaId) {
        this.replicaId = replicaId;
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
    public int replicaId() {
        return replicaId;
    }
}
