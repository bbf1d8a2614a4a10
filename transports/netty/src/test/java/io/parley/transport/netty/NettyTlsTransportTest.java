package io.parley.transport.netty;

import io.parley.TlsConfig;
import io.parley.spi.transport.Transport;
import io.parley.spi.transport.TransportSettings;
import io.parley.testing.TransportContract;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Netty transport with TLS (mutual, TLS 1.3) passes the transport contract, with caller-driven client
 * connections (the default); {@link NettyTlsEventLoopTransportTest} runs it with them off.
 */
class NettyTlsTransportTest extends TransportContract {
    @TempDir
    static Path files;
    private static TlsConfig tls;

    @BeforeAll
    static void certificates() {
        tls = TestPki.create().serverConfig(files).clientAuth(TlsConfig.ClientAuth.REQUIRE).build();
    }

    @Override
    protected Transport newTransport(TransportSettings settings) {
        return new NettyTransport(settings.withTls(tls), callerDriven());
    }

    boolean callerDriven() {
        return true;
    }
}
