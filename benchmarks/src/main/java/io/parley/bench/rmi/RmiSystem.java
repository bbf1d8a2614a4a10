package io.parley.bench.rmi;

import io.parley.bench.Caller;
import io.parley.bench.ServerLauncher;
import io.parley.bench.ServerProcess;
import io.parley.bench.SystemUnderTest;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.util.List;

/**
 * Java RMI (JRMP) as users call it: one stub, looked up in {@link RmiServer}'s registry, shared by every caller
 * thread. RMI opens further connections by itself when calls overlap.
 */
public final class RmiSystem implements SystemUnderTest {

    private ServerProcess server;
    private RmiBenchService stub;

    @Override
    public String name() {
        return "rmi";
    }

    @Override
    public void start(ServerLauncher launcher) throws Exception {
        server = launcher.start(name(), RmiServer.class, List.of("-Djava.rmi.server.hostname=127.0.0.1"));
        Registry registry = LocateRegistry.getRegistry("127.0.0.1", Integer.parseInt(server.readyValue()));
        stub = (RmiBenchService) registry.lookup(RmiServer.NAME);
    }

    @Override
    public Caller newCaller() {
        RmiBenchService shared = stub;
        return new Caller() {
            @Override
            public int add(int a, int b) throws Exception {
                return shared.add(a, b);
            }

            @Override
            public byte[] echo(byte[] payload) throws Exception {
                return shared.echo(payload);
            }
        };
    }

    @Override
    public void close() {
        stub = null;
        if (server != null) {
            server.stop();
        }
    }
}
