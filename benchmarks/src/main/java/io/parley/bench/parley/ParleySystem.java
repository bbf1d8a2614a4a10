package io.parley.bench.parley;

import io.parley.Endpoint;
import io.parley.Orb;
import io.parley.RemoteRef;
import io.parley.bench.Caller;
import io.parley.bench.ServerLauncher;
import io.parley.bench.ServerProcess;
import io.parley.bench.SystemUnderTest;
import java.util.List;

/**
 * Parley as users call it: a client Orb with default settings and one proxy, shared by every caller thread. The
 * server exports either the plain servant (runs on the servant executor) or the {@code @NonBlocking} one (runs on the
 * I/O thread). The server offers TCP and shared memory, as every Orb on one host does by default; the client of
 * {@code parley} and {@code parley-nonblocking} turns shared memory off so that they measure TCP, the client of
 * {@code parley-shm} keeps it on (the default) and calls through shared memory.
 */
public final class ParleySystem implements SystemUnderTest {

    /** The server variants. */
    public enum Variant {
        /** {@link ExecutorServant}, over TCP. */
        EXECUTOR("parley", "executor", false),
        /** {@link NonBlockingServant}, over TCP. */
        NON_BLOCKING("parley-nonblocking", "nonblocking", false),
        /** {@link ExecutorServant}, over shared memory. */
        SHARED_MEMORY("parley-shm", "executor", true);

        private final String systemName;
        private final String serverArgument;
        private final boolean sharedMemory;

        Variant(String systemName, String serverArgument, boolean sharedMemory) {
            this.systemName = systemName;
            this.serverArgument = serverArgument;
            this.sharedMemory = sharedMemory;
        }
    }

    private final Variant variant;
    private ServerProcess server;
    private Orb orb;
    private BenchService proxy;

    public ParleySystem(Variant variant) {
        this.variant = variant;
    }

    @Override
    public String name() {
        return variant.systemName;
    }

    @Override
    public void start(ServerLauncher launcher) throws Exception {
        server = launcher.start(name(), ParleyServer.class, List.of(), List.of(variant.serverArgument));
        orb = Orb.builder().name("bench-client-" + variant.systemName).sharedMemory(variant.sharedMemory).build();
        RemoteRef ref = RemoteRef.parse(server.readyValue());
        if (variant.sharedMemory && ref.endpoints().stream().noneMatch(e -> e.transport().equals(Endpoint.SHM))) {
            // Without it the client would call over TCP, and the figures would be mislabelled.
            throw new IllegalStateException("the server offers no shared-memory endpoint: " + ref);
        }
        proxy = orb.connect(ref, BenchService.class);
    }

    @Override
    public Caller newCaller() {
        BenchService shared = proxy;
        return new Caller() {
            @Override
            public int add(int a, int b) {
                return shared.add(a, b);
            }

            @Override
            public byte[] echo(byte[] payload) {
                return shared.echo(payload);
            }
        };
    }

    @Override
    public void close() {
        try {
            if (orb != null) {
                orb.close();
            }
        } catch (RuntimeException e) {
            System.err.println("closing the client Orb of " + name() + " failed: " + e);
        } finally {
            if (server != null) {
                server.stop();
            }
        }
    }
}
