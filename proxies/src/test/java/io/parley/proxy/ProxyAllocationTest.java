package io.parley.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.parley.spi.InterfaceDescriptor;
import io.parley.spi.proxy.Invoker;
import io.parley.spi.proxy.ProxyFactory;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * A call through a generated proxy allocates the argument array and the boxes, nothing more: no reflection, no
 * per-call class, no per-call lookup.
 */
class ProxyAllocationTest {
    private static final int CALLS = 100_000;

    /**
     * For {@code add(int, int)} with arguments outside the {@code Integer} cache: an {@code Object[2]} (24 bytes with
     * compressed pointers, 32 without) and two {@code Integer}s (16 bytes each) = 56 to 64 bytes. Escape analysis
     * may remove some of it. A reflective {@code Method.invoke} or a class lookup per call costs far more.
     */
    private static final long MAX_BYTES_PER_CALL = 100;

    @Test
    void callAllocatesOnlyTheArgumentArrayAndBoxes(TestReporter reporter) {
        com.sun.management.ThreadMXBean threads = threadBean();
        Calculator proxy = proxy(new ByteBuddyProxyFactory());

        long sink = run(proxy);
        long before = threads.getCurrentThreadAllocatedBytes();
        sink += run(proxy);
        long perCall = (threads.getCurrentThreadAllocatedBytes() - before) / CALLS;

        reporter.publishEntry("bytesPerCall", Long.toString(perCall));
        assertEquals(2L * CALLS * 42, sink, "every call returned the invoker's result");
        assertTrue(perCall < MAX_BYTES_PER_CALL, perCall + " bytes per call");
    }

    private static Calculator proxy(ProxyFactory factory) {
        Integer answer = 42;
        Invoker constant = new Invoker() {
            @Override
            public Object invoke(int methodIndex, Object[] arguments) {
                return answer;
            }

            @Override
            public Object target() {
                return "parley://constant";
            }
        };
        return factory.create(InterfaceDescriptor.of(Calculator.class), constant);
    }

    private static long run(Calculator proxy) {
        long sink = 0;
        for (int i = 0; i < CALLS; i++) {
            // Above 127, so Integer.valueOf really allocates the boxes this test accounts for.
            sink += proxy.add(1000 + (i & 1023), 5000);
        }
        return sink;
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "HotSpot's ThreadMXBean is needed");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "thread allocation accounting is needed");
        return threads;
    }
}
