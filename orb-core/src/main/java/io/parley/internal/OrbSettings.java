package io.parley.internal;

import io.parley.Completion;
import io.parley.ErrorCode;
import io.parley.Interceptor;
import io.parley.NamingConfig;
import io.parley.OrbException;
import io.parley.TlsConfig;
import io.parley.spi.codec.CodecProvider;
import io.parley.spi.codec.CodecSettings;
import io.parley.spi.proxy.ProxyFactory;
import io.parley.spi.transport.TransportProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The settings of an Orb as the builder collected them; {@link #validate()} checks all of them at once. Plugins and
 * the executor are {@code null} when the defaults apply; so is the naming configuration when naming is not configured
 * (then it starts, on the embedded ZooKeeper, only if used). Interceptors are in the order registered.
 * {@code sharedMemory} switches same-host shared memory on, for serving and for calling; {@code sharedMemoryTransport}
 * is {@code null} for the {@code "shm"} provider on the class path, if there is one. {@code tls} is {@code null}
 * for plain TCP. {@code remoteObjects} says how objects pass by reference (leases, collocation). {@code limits} are the overload
 * limits ({@link OrbLimits}).
 */
public record OrbSettings(String name, String host, String advertisedHost, int port, Duration defaultTimeout,
        Duration shutdownTimeout, Duration connectTimeout, int maxFrameBytes, int ioThreads,
        CodecSettings codecSettings, ExecutorService executor, TransportProvider transport, CodecProvider codec,
        ProxyFactory proxyFactory, NamingConfig naming, List<Interceptor> clientInterceptors,
        List<Interceptor> serverInterceptors, boolean sharedMemory, TransportProvider sharedMemoryTransport,
        TlsConfig tls, OrbLimits limits, io.parley.internal.remote.RemoteObjectSettings remoteObjects) {

    /** Throws one exception listing every bad setting, each with its value and the allowed range. */
    void validate() {
        List<String> problems = new ArrayList<>();
        if (port < 0 || port > 65535) {
            problems.add("port: " + port + " (expected: 0 to 65535, 0 for any free port)");
        }
        positive(problems, "defaultTimeout", defaultTimeout);
        positive(problems, "connectTimeout", connectTimeout);
        if (shutdownTimeout.isNegative()) {
            problems.add("shutdownTimeout: " + shutdownTimeout + " (expected: zero or positive)");
        }
        if (maxFrameBytes < 1024) {
            problems.add("maxMessageBytes: " + maxFrameBytes + " (expected: at least 1024)");
        }
        if (ioThreads < 0) {
            problems.add("ioThreads: " + ioThreads + " (expected: 0 for the default, or positive)");
        }
        if (codecSettings.maxStringBytes() < 1 || codecSettings.maxContainerEntries() < 1
                || codecSettings.maxDepth() < 1) {
            problems.add("codecSettings: " + codecSettings + " (expected: every limit positive)");
        }
        limits.check(problems, maxFrameBytes);
        remoteObjects.validate(problems);
        if (host.isBlank() || advertisedHost.isBlank()) {
            problems.add("host / advertisedHost: empty (expected: a host name or IP address)");
        }
        if (!problems.isEmpty()) {
            throw new OrbException(ErrorCode.INVALID_CONFIGURATION, Completion.NO,
                    "invalid Orb settings:\n  - " + String.join("\n  - ", problems));
        }
    }

    private static void positive(List<String> problems, String what, Duration value) {
        if (value.isNegative() || value.isZero()) {
            problems.add(what + ": " + value + " (expected: positive)");
        }
    }
}
