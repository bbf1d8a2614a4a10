package io.parley.proxy;

import io.parley.Remote;

/** A remote interface with an inherited method, a declared exception and a local default method. */
@Remote
public interface Calculator extends Memory {
    int add(int a, int b);

    double divide(double dividend, double divisor) throws DivisionByZeroException;

    /** Local: runs in the caller and calls the remote {@link #add} on the same proxy. */
    default int twice(int value) {
        return add(value, value);
    }
}
