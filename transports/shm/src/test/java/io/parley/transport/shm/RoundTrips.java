package io.parley.transport.shm;

import io.parley.Endpoint;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import io.parley.spi.transport.Transport;
import io.parley.spi.transport.TransportProvider;
import io.parley.spi.transport.TransportSettings;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;

/**
 * A raw frame round-trip probe between two JVMs through any transport on the class path (not a test):
 * {@code server <transport>} echoes and prints {@code PORT <n>}; {@code client <transport> <port> <count>} ping-pongs
 * one 64-byte frame {@code count} times from its receive thread and prints percentiles of the round trips.
 */
public final class RoundTrips {
    private RoundTrips() {
    }

    public static void main(String[] args) throws Exception {
        Transport transport = provider(args[1]).create(TransportSettings.defaults());
        if (args[0].equals("server")) {
            FrameHandler echo = new FrameHandler() {
                @Override
                public void onFrame(Connection connection, ByteBuffer frame) {
                    connection.send(frame);
                }

                @Override
                public void onClose(Connection connection, Throwable cause) {
                }
            };
            System.out.println("PORT " + transport.listen("127.0.0.1", 0, echo).endpoint().port());
            while (System.in.read() >= 0) {
                // Serves until standard input closes.
            }
        } else {
            int count = Integer.parseInt(args[3]);
            long[] trips = new long[count];
            CountDownLatch done = new CountDownLatch(1);
            ByteBuffer ping = ByteBuffer.allocate(64);
            FrameHandler pinger = new FrameHandler() {
                int n;
                long sent;

                @Override
                public void onFrame(Connection connection, ByteBuffer frame) {
                    long now = System.nanoTime();
                    trips[n++] = now - sent;
                    if (n == count) {
                        done.countDown();
                        return;
                    }
                    sent = System.nanoTime();
                    connection.send(ping.duplicate());
                }

                @Override
                public void onOpen(Connection connection) {
                    sent = System.nanoTime();
                }

                @Override
                public void onClose(Connection connection, Throwable cause) {
                }
            };
            Connection connection = transport.connect(new Endpoint(args[1], "127.0.0.1", Integer.parseInt(args[2])),
                    pinger).join();
            connection.send(ping.duplicate());
            done.await();
            long[] measured = Arrays.copyOfRange(trips, count / 5, count); // the first fifth warms up
            Arrays.sort(measured);
            System.out.printf("%s round trips (n=%d): p50 %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us%n",
                    args[1], measured.length, at(measured, 0.5), at(measured, 0.9), at(measured, 0.99),
                    at(measured, 0.999));
            connection.close();
        }
        transport.close();
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, quantile * sorted.length)] / 1000.0;
    }

    private static TransportProvider provider(String name) {
        for (TransportProvider provider : ServiceLoader.load(TransportProvider.class)) {
            if (provider.name().equals(name)) {
                return provider;
            }
        }
        throw new IllegalArgumentException("no transport " + name + " on the class path");
    }
}
