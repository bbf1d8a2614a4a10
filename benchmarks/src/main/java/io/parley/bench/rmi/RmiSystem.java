package io.parley.bench.rmi;

import io.parley.bench.Caller;
import io.parley.bench.Operation;
import io.parley.bench.ServerLauncher;
import io.parley.bench.ServerProcess;
import io.parley.bench.SystemUnderTest;
import java.rmi.NoSuchObjectException;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.util.List;

/**
 * Java RMI (JRMP) as users call it: one stub, looked up in {@link RmiServer}'s registry, shared by every caller
 * thread. RMI opens further connections by itself when calls overlap.
 *
 * <p>Callbacks as RMI does them: the caller's listener is exported in this JVM with
 * {@link UnicastRemoteObject#exportObject} (listening on loopback) and its stub passed; the server connects back to it
 * (RMI has no calls back over the caller's connection) and its distributed GC registers the reference. The same
 * listener is exported once per caller; a new one per call is exported before the call and unexported after it.
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
        // The listeners' stubs must point at loopback, like the server's; read when this JVM first exports.
        if (System.getProperty("java.rmi.server.hostname") == null) {
            System.setProperty("java.rmi.server.hostname", "127.0.0.1");
        }
        server = launcher.start(name(), RmiServer.class, List.of("-Djava.rmi.server.hostname=127.0.0.1"));
        Registry registry = LocateRegistry.getRegistry("127.0.0.1", Integer.parseInt(server.readyValue()));
        stub = (RmiBenchService) registry.lookup(RmiServer.NAME);
    }

    @Override
    public boolean supports(Operation operation) {
        return true;
    }

    @Override
    public Caller newCaller() throws RemoteException {
        RmiBenchService shared = stub;
        Listener listener = new Listener();
        RmiListener exported = export(listener);
        return new Caller() {
            @Override
            public int add(int a, int b) throws Exception {
                return shared.add(a, b);
            }

            @Override
            public byte[] echo(byte[] payload) throws Exception {
                return shared.echo(payload);
            }

            @Override
            public int callBack(int value) throws Exception {
                return shared.callBack(exported, value);
            }

            @Override
            public int callBackNew(int value) throws Exception {
                Listener fresh = new Listener();
                RmiListener freshStub = export(fresh);
                try {
                    return shared.callBack(freshStub, value);
                } finally {
                    UnicastRemoteObject.unexportObject(fresh, true);
                }
            }

            @Override
            public void close() {
                try {
                    UnicastRemoteObject.unexportObject(listener, true);
                } catch (NoSuchObjectException alreadyGone) {
                    // Nothing to do.
                }
            }
        };
    }

    private static RmiListener export(Listener listener) throws RemoteException {
        return (RmiListener) UnicastRemoteObject.exportObject(listener, 0, null, RmiServer.LOOPBACK);
    }

    @Override
    public void close() {
        stub = null;
        if (server != null) {
            server.stop();
        }
    }

    /** The caller's listener, in this JVM. */
    private static final class Listener implements RmiListener {
        @Override
        public int onValue(int value) {
            return ~value;
        }
    }
}
