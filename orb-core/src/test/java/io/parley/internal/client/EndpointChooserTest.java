package io.parley.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.parley.Completion;
import io.parley.Endpoint;
import io.parley.UnavailableException;
import io.parley.spi.transport.Connection;
import io.parley.spi.transport.FrameHandler;
import io.parley.spi.transport.Listener;
import io.parley.spi.transport.Transport;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EndpointChooserTest {
    private static final Endpoint TCP = Endpoint.tcp("127.0.0.1", 7000);
    private static final Endpoint HERE = Endpoint.shm("aaaa", 41000);
    private static final Endpoint ELSEWHERE = Endpoint.shm("bbbb", 41000);

    private final NamedTransport tcp = new NamedTransport("tcp", null);
    private final NamedTransport shm = new NamedTransport("shm", "aaaa");

    @Test
    void sameHostSharedMemoryComesFirstAndUsesTheSharedMemoryTransport() {
        EndpointChooser chooser = new EndpointChooser(tcp, shm, "test");
        assertEquals(List.of(HERE, TCP), chooser.order(List.of(TCP, HERE)));
        assertSame(shm, chooser.transportFor(HERE));
        assertSame(tcp, chooser.transportFor(TCP));
    }

    @Test
    void sharedMemoryOfAnotherHostIsNeverTried() {
        EndpointChooser chooser = new EndpointChooser(tcp, shm, "test");
        assertEquals(List.of(TCP), chooser.order(List.of(TCP, ELSEWHERE)));
    }

    @Test
    void tcpOnlyReferencesAreReturnedAsTheyAre() {
        List<Endpoint> endpoints = List.of(TCP);
        assertSame(endpoints, new EndpointChooser(tcp, shm, "test").order(endpoints));
        assertEquals(0, shm.identityAsked.get(), "no shared-memory endpoint, no file system access");
    }

    @Test
    void withSharedMemoryOffOnlyTcpIsTried() {
        EndpointChooser chooser = EndpointChooser.tcpOnly(tcp);
        assertEquals(List.of(TCP), chooser.order(List.of(TCP, HERE)));
        assertSame(tcp, chooser.transportFor(TCP));
    }

    @Test
    void aFailedSharedMemoryEndpointIsLeftOutForAWhile() {
        EndpointChooser chooser = new EndpointChooser(tcp, shm, "test");
        chooser.failed(HERE, new UnavailableException(Completion.NO, "refused"));
        assertEquals(List.of(TCP), chooser.order(List.of(TCP, HERE)));
        chooser.failed(TCP, new UnavailableException(Completion.NO, "down"));
        assertEquals(List.of(TCP), chooser.order(List.of(TCP, HERE)), "TCP is never left out");
    }

    @Test
    void sharedMemoryUnusableHereMeansTcpForEveryCallAndOneLookOnly() {
        NamedTransport broken = new NamedTransport("shm", null);
        EndpointChooser chooser = new EndpointChooser(tcp, broken, "test");
        assertEquals(List.of(TCP), chooser.order(List.of(TCP, HERE)));
        assertEquals(List.of(TCP), chooser.order(List.of(TCP, HERE)));
        assertEquals(1, broken.identityAsked.get());
    }

    /** A transport that only has a name and a host identity (none: unusable when asked). */
    private static final class NamedTransport implements Transport {
        private final String name;
        private final String identity;
        final AtomicInteger identityAsked = new AtomicInteger();

        NamedTransport(String name, String identity) {
            this.name = name;
            this.identity = identity;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Optional<String> hostIdentity() {
            identityAsked.incrementAndGet();
            if (identity == null) {
                throw new UnavailableException(Completion.NO, "no usable directory");
            }
            return Optional.of(identity);
        }

        @Override
        public Listener listen(String host, int port, FrameHandler handler) {
            throw new UnsupportedOperationException("not used by the chooser");
        }

        @Override
        public CompletableFuture<Connection> connect(Endpoint endpoint, FrameHandler handler) {
            throw new UnsupportedOperationException("not used by the chooser");
        }

        @Override
        public void close() {
        }
    }
}
