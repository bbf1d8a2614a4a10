package io.parley.transport.netty;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.parley.Endpoint;
import io.parley.UnavailableException;
import io.parley.spi.transport.Connection;
import io.parley.testing.RecordingFrameHandler;
import io.parley.transport.netty.internal.ChannelRegistry;
import io.parley.transport.netty.internal.ChannelSetup;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A connection to a closed port of this host that TCP's simultaneous open joins to itself (local port = remote
 * port) is refused: otherwise this process would talk to itself, its calls arriving back as calls.
 */
@Timeout(30)
class SelfConnectTest {

    @Test
    void aConnectionThatReachedItselfIsRefused() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // free once closed
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            RecordingFrameHandler handler = RecordingFrameHandler.recording();
            CompletableFuture<Connection> connected = new CompletableFuture<>();
            InetSocketAddress self = new InetSocketAddress("127.0.0.1", port);
            new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(ChannelSetup.connecting(handler, 1 << 20, new ChannelRegistry(), connected,
                            Endpoint.tcp("127.0.0.1", port), null))
                    .connect(self, self); // the same port on both ends: the kernel joins the socket to itself
            ExecutionException e = assertThrows(ExecutionException.class, () -> connected.get(10, TimeUnit.SECONDS));
            UnavailableException refused = assertInstanceOf(UnavailableException.class, e.getCause());
            assertTrue(refused.getMessage().contains("reached itself"), refused.getMessage());
            assertTrue(handler.opened().isEmpty(), "onOpen ran for a connection to itself");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
