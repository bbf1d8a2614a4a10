package io.parley.transport.netty.internal;

import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * The event loops of a transport's accepted connections: serving {@link LeasedIoEventLoop}s, each driven by two
 * threads that read requests and run blocking servant calls themselves (see {@link LeasedIoEventLoop}). Accepted
 * channels are spread over them as over any Netty group.
 */
public final class ServingLoops extends MultiThreadIoEventLoopGroup {

    /** {@code loops} serving loops whose driver threads come from {@code driverThreads}. */
    public ServingLoops(int loops, ThreadFactory driverThreads) {
        // The group's own executor stays unused: each loop starts its drivers from the factory passed as argument.
        super(loops, driverThreads, NioIoHandler.newFactory(), driverThreads);
    }

    @Override
    protected IoEventLoop newChild(Executor executor, IoHandlerFactory ioHandlers, Object... args) {
        return LeasedIoEventLoop.startServing(ioHandlers, (ThreadFactory) args[0]);
    }
}
