package io.parley.bench.parley;

import io.parley.Orb;
import io.parley.bench.Caller;
import io.parley.bench.ServerLauncher;
import io.parley.bench.ServerProcess;
import io.parley.bench.SystemUnderTest;
import java.util.List;

/**
 * Parley over TCP as users call it: a client Orb with default settings and one proxy, shared by every caller thread.
 * The server exports either the plain servant (runs on the servant executor) or the {@code @NonBlocking} one (runs
 * on the I/O thread).
 */
public final class ParleySystem implements SystemUnderTest {

    /** The server variants. */
    public enum Variant {
        /** {@link ExecutorServant}. */
        EXECUTOR("parley", "executor"),
        /** {@link NonBlockingServant}. */
        NON_BLOCKING("parley-nonblocking", "nonblocking");

        private final String systemName;
        private final String serverArgument;

        Variant(String systemName, String serverArgument) {
            this.systemName = systemName;
            this.serverArgument = serverArgument;
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
        orb = Orb.builder().name("bench-client-" + variant.serverArgument).build();
        proxy = orb.connect(server.readyValue(), BenchService.class);
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
