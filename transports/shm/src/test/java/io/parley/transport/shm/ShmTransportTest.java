package io.parley.transport.shm;

import io.parley.spi.transport.Transport;
import io.parley.spi.transport.TransportSettings;
import io.parley.testing.TransportContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The shared-memory transport passes the transport contract, in a private directory of its own per test. */
class ShmTransportTest extends TransportContract {
    @TempDir
    Path directory;

    @Override
    protected Transport newTransport(TransportSettings settings) {
        return new ShmTransport(settings, ShmSettings.defaults().withDirectory(directory));
    }
}
