package io.parley.bench.rmi;

import java.rmi.Remote;
import java.rmi.RemoteException;

/** The benchmark's service as Java RMI wants it: extends {@link Remote}, every method throws RemoteException. */
public interface RmiBenchService extends Remote {

    int add(int a, int b) throws RemoteException;

    byte[] echo(byte[] payload) throws RemoteException;

    /** Calls {@code listener} (a stub of the client's exported object) back once and returns its answer. */
    int callBack(RmiListener listener, int value) throws RemoteException;
}
