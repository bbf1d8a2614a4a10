package io.parley.proxy;

/** A checked exception declared by a remote method. */
public class DivisionByZeroException extends Exception {
    public DivisionByZeroException(String message) {
        super(message);
    }
}
