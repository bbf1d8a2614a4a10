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
 *
 * <p>Both are bounded by the Orb's limits, not by themselves: the server admits at most {@code maxCalls} calls and
 * the client completes at most {@code maxPendingCalls} asynchronous calls, so there are never more tasks than that
 * (plus the application's own {@code *Async} stages). Virtual threads need no queue; the pool's queue holds that
 * many tasks, and a task beyond it (only the application's stages can get there) is refused: a servant call then
 * gets RESOURCE_EXHAUSTED instead of growing memory.
 */
final class ServantExecutors {
    private ServantExecutors() {
    }

    /** An executor for an Orb whose limits allow {@code maxTasks} queued tasks from Parley itself. */
    static ExecutorService create(String name, int maxTasks) {
        ExecutorService virtual = virtualThreads();
        return virtual != null ? virtual : boundedPool(name, maxTasks);
    }

    private static ExecutorService virtualThreads() {
        try {
            Method factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return (ExecutorService) factory.invoke(null);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static ExecutorService boundedPool(String name, int maxTasks) {
        int threads = Math.max(16, 8 * Runtime.getRuntime().availableProcessors());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(Math.max(1, maxTasks)), daemonThreads(name + "-servant"));
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
