package io.parley.bench.parley;

import io.parley.Endpoint;
import io.parley.Orb;
import io.parley.RemoteRef;
import io.parley.TlsConfig;
import io.parley.bench.Caller;
import io.parley.bench.Operation;
import io.parley.bench.ServerLauncher;
import io.parley.bench.ServerProcess;
import io.parley.bench.SystemUnderTest;
import io.parley.spi.transport.Transport;
import io.parley.spi.transport.TransportProvider;
import io.parley.spi.transport.TransportSettings;
import io.parley.transport.shm.ShmSettings;
import io.parley.transport.shm.ShmTransport;
import java.util.List;

/**
 * Parley as users call it: a client Orb with default settings and one proxy, shared by every caller thread. The
 * server exports either the plain servant (runs on the servant executor) or the {@code @NonBlocking} one (runs on the
 * I/O thread). The server offers TCP and shared memory, as every Orb on one host does by default; the client of
 * {@code parley} and {@code parley-nonblocking} turns shared memory off so that they measure TCP, the client of
 * {@code parley-shm} keeps it on (the default) and calls through shared memory. {@code parley-shm-nonblocking} calls
 * the {@code @NonBlocking} servant through shared memory with the default spin-then-sleep waiting, and
 * {@code parley-shm-spin} the same with both sides spinning without end ({@code parley.shm.spinMicros=-1}).
 * {@code parley-tls} is {@code parley} over TLS 1.3 (the server's certificate made at start, checked by the client
 * with hostname verification), to set the cost of TLS beside plain TCP.
 */
public final class ParleySystem implements SystemUnderTest {

    /** The server variants. */
    public enum Variant {
        /** {@link ExecutorServant}, over TCP. */
        EXECUTOR("parley", "executor", false),
        /** {@link NonBlockingServant}, over TCP. */
        NON_BLOCKING("parley-nonblocking", "nonblocking", false),
        /** {@link ExecutorServant}, over shared memory. */
        SHARED_MEMORY("parley-shm", "executor", true, false),
        /** {@link NonBlockingServant}, over shared memory, default waiting (spin, then sleep). */
        SHARED_MEMORY_NON_BLOCKING("parley-shm-nonblocking", "nonblocking", true, false),
        /** {@link NonBlockingServant}, over shared memory, both sides spinning without end. */
        SHARED_MEMORY_SPIN("parley-shm-spin", "nonblocking", true, true),
        /** {@link ExecutorServant}, over TCP with TLS 1.3. */
        TLS("parley-tls", "executor", false, false, true);

        private final String systemName;
        private final String serverArgument;
        private final boolean sharedMemory;
        private final boolean busySpin;
        private final boolean tls;

        Variant(String systemName, String serverArgument, boolean sharedMemory) {
            this(systemName, serverArgument, sharedMemory, false);
        }

        Variant(String systemName, String serverArgument, boolean sharedMemory, boolean busySpin) {
            this(systemName, serverArgument, sharedMemory, busySpin, false);
        }

        Variant(String systemName, String serverArgument, boolean sharedMemory, boolean busySpin, boolean tls) {
            this.systemName = systemName;
            this.serverArgument = serverArgument;
            this.sharedMemory = sharedMemory;
            this.busySpin = busySpin;
            this.tls = tls;
        }
    }

    private final Variant variant;
    private ServerProcess server;
    private Orb orb;
    private BenchService proxy;
    private BenchCertificates certificates; // parley-tls only

    public ParleySystem(Variant variant) {
        this.variant = variant;
    }

    @Override
    public String name() {
        return variant.systemName;
    }

    @Override
    public void start(ServerLauncher launcher) throws Exception {
        List<String> jvmOptions = variant.busySpin ? List.of("-Dparley.shm.spinMicros=-1") : List.of();
        List<String> serverArguments = List.of(variant.serverArgument);
        if (variant.tls) {
            certificates = BenchCertificates.create();
            serverArguments = List.of(variant.serverArgument, "tls", certificates.serverChain().toString(),
                    certificates.serverKey().toString());
        }
        server = launcher.start(name(), ParleyServer.class, jvmOptions, serverArguments);
        Orb.Builder builder = Orb.builder().name("bench-client-" + variant.systemName)
                .sharedMemory(variant.sharedMemory);
        if (variant.tls) {
            builder.tls(TlsConfig.builder().trustPem(certificates.caCertificate()).build());
        }
        if (variant.busySpin) {
            builder.sharedMemoryTransport(new BusySpinShm());
        }
        orb = builder.build();
        RemoteRef ref = RemoteRef.parse(server.readyValue());
        if (variant.sharedMemory && ref.endpoints().stream().noneMatch(e -> e.transport().equals(Endpoint.SHM))) {
            // Without it the client would call over TCP, and the figures would be mislabelled.
            throw new IllegalStateException("the server offers no shared-memory endpoint: " + ref);
        }
        if (variant.tls != ref.endpoints().get(0).requiresTls()) {
            throw new IllegalStateException("the server's endpoint is not what " + name() + " measures: " + ref);
        }
        proxy = orb.connect(ref, BenchService.class);
    }

    /** Callbacks on the executor servant only: a {@code @NonBlocking} servant must not block on one. */
    @Override
    public boolean supports(Operation operation) {
        return !operation.callback() || variant.serverArgument.equals("executor");
    }

    /**
     * One caller: the shared proxy, and a listener of its own that {@code callBack} passes on every call
     * ({@code callBackNew} passes a new one each time and drops it).
     */
    @Override
    public Caller newCaller() {
        BenchService shared = proxy;
        ValueListener listener = new BenchListener();
        return new Caller() {
            @Override
            public int add(int a, int b) {
                return shared.add(a, b);
            }

            @Override
            public byte[] echo(byte[] payload) {
                return shared.echo(payload);
            }

            @Override
            public int callBack(int value) {
                return shared.callBack(listener, value);
            }

            @Override
            public int callBackNew(int value) {
                return shared.callBack(new BenchListener(), value);
            }
        };
    }

    /** The shared-memory transport with its defaults, but spinning without end. */
    private static final class BusySpinShm implements TransportProvider {
        @Override
        public String name() {
            return "shm";
        }

        @Override
        public Transport create(TransportSettings settings) {
            return new ShmTransport(settings, ShmSettings.fromSystemProperties().withSpinNanos(ShmSettings.BUSY_SPIN));
        }
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
            if (certificates != null) {
                certificates.delete();
            }
        }
    }
}
