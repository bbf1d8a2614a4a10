package io.parley.internal.naming;

/**
 * What a name-bound proxy stands for ({@link io.parley.spi.proxy.Invoker#target()}): proxies of the same name and
 * interface are equal, whichever replica they call.
 */
record BoundName(String name, String service) {
    @Override
    public String toString() {
        return "name:" + name + " (" + service + ")";
    }
}
