package io.parley.it;

import io.parley.Orb;
import io.parley.RemoteRef;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client process that loads a {@link Shop}: {@code threads} callers alternate {@code add} and {@code slow(20)}
 * until the process is killed. Prints {@code RUNNING} once every caller has had an answer.
 * Arguments: the reference, the number of callers, and {@code tcp} to keep shared memory off.
 */
public final class LoadClient {
    private LoadClient() {
    }

    public static void main(String[] args) throws Exception {
        RemoteRef ref = RemoteRef.parse(args[0]);
        int threads = Integer.parseInt(args[1]);
        boolean tcpOnly = args.length > 2 && args[2].equals("tcp");
        Orb orb = Orb.builder().name("load-client").sharedMemory(!tcpOnly).build();
        Shop shop = orb.connect(ref, Shop.class);
        java.util.concurrent.CountDownLatch answered = new java.util.concurrent.CountDownLatch(threads);
        AtomicBoolean failed = new AtomicBoolean();
        for (int i = 0; i < threads; i++) {
            Thread caller = new Thread(() -> {
                boolean first = true;
                while (!failed.get()) {
                    try {
                        shop.add(1, 2);
                        shop.slow(20);
                    } catch (RuntimeException e) {
                        failed.set(true);
                        System.out.println("FAILED " + e);
                    }
                    if (first) {
                        answered.countDown();
                        first = false;
                    }
                }
            }, "load-" + i);
            caller.start();
        }
        answered.await();
        System.out.println("RUNNING");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
