package io.parley.bench.rmi;

import java.rmi.Remote;
import java.rmi.RemoteException;

/** The callback as Java RMI wants it: a remote object of the client, exported there, called back by the server. */
public interface RmiListener extends Remote {

    /** Answers {@code ~value}, as Parley's listener does. */
    int onValue(int value) throws RemoteException;
}
