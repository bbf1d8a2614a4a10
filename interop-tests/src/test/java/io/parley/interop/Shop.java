package io.parley.interop;

import io.parley.Oneway;
import io.parley.Remote;
import java.util.List;

/**
 * What the plain Python Thrift server of {@code src/test/python/plain_server.py} serves, from the IDL Parley
 * generates for this interface; Parley calls it as a client only.
 */
@Remote
public interface Shop {

    int add(int a, int b);

    /** Throws {@link OutOfStock} when the server has none of {@code name}. */
    Item item(String name) throws OutOfStock;

    @Oneway
    void note(String line);

    /** The lines received by {@link #note}, in order. */
    List<String> notes();

    /** Answers after {@code millis} milliseconds. */
    String slow(int millis);

    record Item(String name, int count) {
    }

    class OutOfStock extends Exception {
        private static final long serialVersionUID = 1L;

        public OutOfStock(String message) {
            super(message);
        }
    }

    /** A method the Python server does not have, for the unknown-method case. */
    @Remote
    interface WithMissingMethod {
        int restock(String name);
    }
}
