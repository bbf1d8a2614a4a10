package io.parley.internal.client;

import io.parley.Completion;
import io.parley.Endpoint;
import io.parley.OrbException;
import io.parley.UnavailableException;
import io.parley.spi.codec.Codec;
import io.parley.spi.transport.Transport;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The connection to one endpoint, shared by every proxy that calls there; reconnected on the first call after it
 * was lost.
 */
final class ClientChannel {
    private final Endpoint endpoint;
    private final Transport transport;
    private final Codec codec;
    private final long connectTimeoutNanos;
    private final ClientLimits limits;
    private CompletableFuture<ClientConnection> current;

    ClientChannel(Endpoint endpoint, Transport transport, Codec codec, long connectTimeoutNanos,
            ClientLimits limits) {
        this.endpoint = endpoint;
        this.transport = transport;
        this.codec = codec;
        this.connectTimeoutNanos = connectTimeoutNanos;
        this.limits = limits;
    }

    /**
     * The open connection, connecting first if needed, waiting no later than {@code deadlineNanos}.
     *
     * @throws UnavailableException (NO) when no connection can be had in time
     */
    ClientConnection connection(long deadlineNanos) {
        CompletableFuture<ClientConnection> attempt = attempt();
        if (attempt.isDone() && !attempt.isCompletedExceptionally()) {
            return attempt.join();
        }
        // A failed attempt goes through get as well (getNow would throw a CompletionException), so that the caller
        // always sees an UnavailableException: connecting can fail before this thread looks.
        long wait = Math.min(connectTimeoutNanos, deadlineNanos - System.nanoTime());
        try {
            return attempt.get(Math.max(wait, 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new UnavailableException(Completion.NO, "cannot connect to " + endpoint + " within "
                    + TimeUnit.NANOSECONDS.toMillis(wait) + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof OrbException ? cause.getMessage() : String.valueOf(cause);
            throw new UnavailableException(Completion.NO, why, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException(Completion.NO, "interrupted while connecting to " + endpoint, e);
        }
    }

    /** The current connection attempt, or a new one when the last failed or its connection was lost. */
    private synchronized CompletableFuture<ClientConnection> attempt() {
        CompletableFuture<ClientConnection> attempt = current;
        if (attempt == null || attempt.isCompletedExceptionally()
                || (attempt.isDone() && !attempt.join().isOpen())) {
            ClientConnection calls = new ClientConnection(endpoint, codec, limits);
            attempt = transport.connect(endpoint, calls).thenApply(connection -> {
                calls.attach(connection);
                return calls;
            });
            current = attempt;
        }
        return attempt;
    }

    /** The connection when one is established and open, else {@code null}; never connects. */
    synchronized ClientConnection established() {
        CompletableFuture<ClientConnection> attempt = current;
        if (attempt == null || !attempt.isDone() || attempt.isCompletedExceptionally()) {
            return null;
        }
        ClientConnection connection = attempt.join();
        return connection.isOpen() ? connection : null;
    }

    synchronized void close() {
        if (current != null) {
            current.thenAccept(ClientConnection::close);
        }
    }
}
