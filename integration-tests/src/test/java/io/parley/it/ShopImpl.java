package io.parley.it;

import io.parley.Export;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The servant behind {@link Shop}. */
@Export("shop")
public class ShopImpl implements Shop {
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "shop-later");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public int add(int a, int b) {
        return a + b;
    }

    @Override
    public CompletableFuture<String> greetLater(String name, int delayMillis) {
        CompletableFuture<String> result = new CompletableFuture<>();
        later.schedule(() -> result.complete("hello " + name), delayMillis, TimeUnit.MILLISECONDS);
        return result;
    }

    @Override
    public void record(String event) {
        events.add(event);
    }

    @Override
    public List<String> events() {
        return List.copyOf(events);
    }

    @Override
    public Order place(Order order) throws OutOfStock {
        if (order.quantity() > 10) {
            throw new OutOfStock("only 10 " + order.item() + " left");
        }
        return new Order(order.item(), order.quantity());
    }

    @Override
    public void crash(String message) {
        throw new IllegalStateException(message);
    }

    @Override
    public String slow(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        return "done after " + millis;
    }

    @Override
    public long sum(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).sum();
    }
}
