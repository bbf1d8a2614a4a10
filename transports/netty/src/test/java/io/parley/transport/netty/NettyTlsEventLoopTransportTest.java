package io.parley.transport.netty;

/** The TLS contract run with client connections on the event-loop group ({@code parley.tcp.callerDriven=false}). */
class NettyTlsEventLoopTransportTest extends NettyTlsTransportTest {

    @Override
    boolean callerDriven() {
        return false;
    }
}
