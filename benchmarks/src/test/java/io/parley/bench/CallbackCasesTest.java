package io.parley.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bench.parley.ParleySystem;
import io.parley.bench.rmi.RmiSystem;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The callback cases against real server JVMs: every call's answer is checked by {@link Operation}, so a slice that
 * completes calls has called the listener back each time.
 */
@Timeout(90)
class CallbackCasesTest {

    private static final Duration SLICE = Duration.ofMillis(200);

    @TempDir
    Path logs;

    @Test
    void parleyCallsBackOverTcpWithTheSameAndWithNewListeners() throws Exception {
        try (ServerLauncher launcher = new ServerLauncher(logs);
                ParleySystem parley = new ParleySystem(ParleySystem.Variant.EXECUTOR)) {
            parley.start(launcher);
            assertCallsBack(parley);
        }
    }

    @Test
    void rmiCallsBackTheSameAndNewListeners() throws Exception {
        try (ServerLauncher launcher = new ServerLauncher(logs); RmiSystem rmi = new RmiSystem()) {
            rmi.start(launcher);
            assertCallsBack(rmi);
        }
    }

    @Test
    void nonBlockingServantIsNotAskedToCallBack() {
        ParleySystem system = new ParleySystem(ParleySystem.Variant.NON_BLOCKING);
        assertFalse(system.supports(Operation.CALLBACK));
        assertFalse(system.supports(Operation.CALLBACK_NEW));
        assertTrue(system.supports(Operation.ADD));
    }

    private static void assertCallsBack(SystemUnderTest system) throws Exception {
        // The first callbacks of a fresh pair of JVMs take up to a few hundred ms (classes, proxies, interpreter):
        // made once outside the timed slices, so that a slice cannot pass without a call started in its window.
        try (Caller first = system.newCaller()) {
            Operation.CALLBACK.call(first, 1);
            Operation.CALLBACK_NEW.call(first, 2);
        }
        CaseRunner runner = new CaseRunner();
        for (Operation operation : new Operation[] {Operation.CALLBACK, Operation.CALLBACK_NEW}) {
            for (int callers : new int[] {1, 4}) {
                Sample sample = runner.run(system, operation, callers, SLICE, SLICE);
                assertNull(sample.failure(), system.name() + " " + operation.label() + " x" + callers);
                assertTrue(sample.latencies().getTotalCount() > 0, system.name() + " " + operation.label());
            }
        }
    }
}
