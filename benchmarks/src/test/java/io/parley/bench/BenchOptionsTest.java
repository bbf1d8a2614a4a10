package io.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BenchOptionsTest {

    @Test
    void defaultsRunEveryExperimentWithTheTargetsSizes() {
        BenchOptions options = BenchOptions.parse(new String[0]);
        assertTrue(options.callbacks());
        assertTrue(options.leases());
        assertTrue(options.idleCpu());
        assertEquals(100_000, options.leaseCallbacks());
        assertEquals(Duration.ofSeconds(1), options.leaseTime());
        assertEquals(Duration.ofSeconds(10), options.idleWindow());
    }

    @Test
    void quickShrinksTheExperiments() {
        BenchOptions options = BenchOptions.parse(new String[] {"--quick"});
        assertEquals(5_000, options.leaseCallbacks());
        assertEquals(Duration.ofSeconds(3), options.idleWindow());
    }

    @Test
    void experimentOptionsAndSystemsAreRead() {
        BenchOptions options = BenchOptions.parse(new String[] {
                "--systems=parley,leases --no-callbacks", "--lease-callbacks=2000", "--lease-time-ms=250",
                "--idle-seconds=4"});
        assertEquals(List.of("parley", "leases"), options.systems());
        assertEquals(List.of("parley"), options.roundTripSystems());
        assertFalse(options.callbacks());
        assertTrue(options.leases());
        assertFalse(options.idleCpu());
        assertEquals(2000, options.leaseCallbacks());
        assertEquals(Duration.ofMillis(250), options.leaseTime());
        assertEquals(Duration.ofSeconds(4), options.idleWindow());
    }

    @Test
    void plannedDurationCoversTheExperiments() {
        Duration without = BenchOptions.parse(new String[] {"--systems=parley"}).plannedDuration();
        Duration with = BenchOptions.parse(new String[] {"--systems=parley,leases,idle-cpu"}).plannedDuration();
        // 100,000 callbacks at 1 ms, 4 lease times, a 10 s window and the fixed overheads.
        assertTrue(with.minus(without).compareTo(Duration.ofSeconds(100 + 4 + 10)) > 0, with + " vs " + without);
    }

    @Test
    void badValuesNameTheOption() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"--lease-callbacks=0"}));
        assertTrue(zero.getMessage().startsWith("--lease-callbacks=0: expected a positive number"), zero.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"--systems=parley,lease"}));
        assertTrue(unknown.getMessage().contains("unknown system lease"), unknown.getMessage());
    }
}
