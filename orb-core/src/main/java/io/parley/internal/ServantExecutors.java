package io.parley.internal;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default servant executor: virtual threads where the JDK has them (21 and later), otherwise a bounded pool.
 * Parley is built for Java 17, so the virtual-thread factory is looked up once, at start.
 */
final class ServantExecutors {
    /** Calls queued beyond this are refused with RESOURCE_EXHAUSTED instead of growing memory. */
    static final int MAX_QUEUED_CALLS = 10_000;

    private ServantExecutors() {
    }

    static ExecutorService create(String name) {
        ExecutorService virtual = virtualThreads();
        return virtual != null ? virtual : boundedPool(name);
    }

    private static ExecutorService virtualThreads() {
        try {
            Method factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return (ExecutorService) factory.invoke(null);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static ExecutorService boundedPool(String name) {
        int threads = Math.max(16, 8 * Runtime.getRuntime().availableProcessors());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(MAX_QUEUED_CALLS), daemonThreads(name + "-servant"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
