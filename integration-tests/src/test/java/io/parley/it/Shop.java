package io.parley.it;

import io.parley.Oneway;
import io.parley.Remote;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The remote interface the end-to-end tests call. */
@Remote
public interface Shop {
    int add(int a, int b);

    CompletableFuture<String> greetLater(String name, int delayMillis);

    @Oneway
    void record(String event);

    List<String> events();

    Order place(Order order) throws OutOfStock;

    void crash(String message);

    String slow(int millis);

    long sum(List<Long> values);

    /** An order: records travel by value. */
    record Order(String item, int quantity) {
    }

    /** A declared exception: it reaches the caller as itself. */
    class OutOfStock extends Exception {
        private static final long serialVersionUID = 1L;

        public OutOfStock(String message) {
            super(message);
        }
    }
}
