package io.parley.proxy;

/** A plain super-interface: its abstract methods become remote methods of the {@code @Remote} interfaces below it. */
public interface Memory {
    void store(long value);

    long recall();
}
