package io.parley.internal.server;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * A WARN line at most once per interval, saying how many events it stands for: under overload the events come by
 * the thousand, and a log line per event would add disk and CPU load to an overloaded process.
 */
final class RateLimitedLog {
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Logger log;
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicLong nextNanos = new AtomicLong(System.nanoTime());

    RateLimitedLog(Logger log) {
        this.log = log;
    }

    /** Counts one event and logs {@code message} (one {@code {}} for the count) when the interval has passed. */
    void warn(String message, Object detail) {
        long count = suppressed.incrementAndGet();
        long now = System.nanoTime();
        long next = nextNanos.get();
        if (now - next >= 0 && nextNanos.compareAndSet(next, now + INTERVAL_NANOS)) {
            suppressed.addAndGet(-count);
            log.warn(message, count, detail);
        }
    }
}
