package io.parley.bench.rmi;

import io.parley.bench.ServerMain;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.NoSuchObjectException;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.ExportException;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;

/**
 * The Java RMI server: the servant exported with {@link UnicastRemoteObject#exportObject}, bound as
 * {@value #NAME} in a registry of its own. Both listen on loopback only. Prints the registry's port. Started with
 * {@code -Djava.rmi.server.hostname=127.0.0.1} so that the stub points at loopback.
 */
public final class RmiServer {

    /** The name of the servant in the registry. */
    public static final String NAME = "bench";

    private static final int REGISTRY_ATTEMPTS = 10;
    static final RMIServerSocketFactory LOOPBACK =
            port -> new ServerSocket(port, 64, InetAddress.getLoopbackAddress());

    // Strong references for the life of the JVM: the runtime must not collect the servant or the registry.
    private static Servant servant;
    private static Registry registry;

    private RmiServer() {
    }

    public static void main(String[] args) throws IOException {
        servant = new Servant();
        RmiBenchService stub = (RmiBenchService) UnicastRemoteObject.exportObject(servant, 0, null, LOOPBACK);
        int port = createRegistry();
        registry.rebind(NAME, stub);
        ServerMain.serveUntilStdinCloses(String.valueOf(port), RmiServer::unexport);
    }

    /**
     * Creates {@link #registry} on a free loopback port and returns the port: a port just seen free may be taken
     * before the registry binds it, so this tries a few.
     */
    private static int createRegistry() throws IOException {
        ExportException last = null;
        for (int attempt = 0; attempt < REGISTRY_ATTEMPTS; attempt++) {
            int port = freePort();
            try {
                registry = LocateRegistry.createRegistry(port, null, LOOPBACK);
                return port;
            } catch (ExportException e) {
                last = e;
            }
        }
        throw last;
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static void unexport() {
        try {
            UnicastRemoteObject.unexportObject(servant, true);
            UnicastRemoteObject.unexportObject(registry, true);
        } catch (NoSuchObjectException ignored) {
            // Already gone; the JVM exits next.
        }
    }

    /** The servant: the same trivial work as Parley's. */
    static final class Servant implements RmiBenchService {
        @Override
        public int add(int a, int b) throws RemoteException {
            return a + b;
        }

        @Override
        public byte[] echo(byte[] payload) throws RemoteException {
            return payload;
        }

        @Override
        public int callBack(RmiListener listener, int value) throws RemoteException {
            return listener.onValue(value);
        }
    }
}
