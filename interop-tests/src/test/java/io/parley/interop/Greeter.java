package io.parley.interop;

import io.parley.Remote;

/** A remote interface that {@link Interop} extends: a Thrift service that another extends. */
@Remote
public interface Greeter {
    String greet(String name);
}
