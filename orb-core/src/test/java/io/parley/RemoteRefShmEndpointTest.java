package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared-memory endpoint in a reference's string form: {@code ?…&shm=<hostIdentity>:<port>}. */
class RemoteRefShmEndpointTest {
    private static final Endpoint TCP = Endpoint.tcp("127.0.0.1", 7000);
    private static final Endpoint SHM = Endpoint.shm("3f9a0c1d5e7b2a84", 41234);

    @Test
    void sharedMemoryEndpointIsAQueryParameterAfterTheIncarnation() {
        RemoteRef ref = new RemoteRef("Calculator", "calc", List.of(TCP, SHM), 0x6c1f0e2a9b3d4f10L);
        String text = ref.toString();
        assertEquals("parley://127.0.0.1:7000/Calculator/calc?incarnation=6c1f0e2a9b3d4f10&shm=3f9a0c1d5e7b2a84:41234",
                text);
        assertEquals(ref, RemoteRef.parse(text));
    }

    @Test
    void withoutIncarnationTheSharedMemoryParameterComesFirst() {
        RemoteRef ref = new RemoteRef("S", "o", List.of(TCP, SHM), 0);
        assertEquals("parley://127.0.0.1:7000/S/o?shm=3f9a0c1d5e7b2a84:41234", ref.toString());
        assertEquals(ref, RemoteRef.parse(ref.toString()));
    }

    @Test
    void tcpOnlyReferencesLookAsBefore() {
        RemoteRef ref = new RemoteRef("S", "o", List.of(TCP), 255);
        assertEquals("parley://127.0.0.1:7000/S/o?incarnation=ff", ref.toString());
    }

    @Test
    void readersListSharedMemoryAfterTcpWhateverTheParameterOrder() {
        RemoteRef ref = RemoteRef.parse("parley://h:9/S/o?shm=abc:5&incarnation=ff");
        assertEquals(List.of(Endpoint.tcp("h", 9), Endpoint.shm("abc", 5)), ref.endpoints());
        assertEquals(255, ref.incarnation());
    }

    @Test
    void malformedSharedMemoryParametersAreSkippedLikeUnknownOnes() {
        for (String bad : List.of("shm=abc", "shm=:5", "shm=abc:x", "shm=abc:70000", "shm=")) {
            RemoteRef ref = RemoteRef.parse("parley://h:9/S/o?" + bad);
            assertEquals(List.of(Endpoint.tcp("h", 9)), ref.endpoints(), bad);
        }
    }

    @Test
    void aReferenceMayHaveOnlyASharedMemoryEndpoint() {
        RemoteRef ref = new RemoteRef("S", "o", List.of(SHM), 0);
        assertEquals("parley:///S/o?shm=3f9a0c1d5e7b2a84:41234", ref.toString());
        assertEquals(ref, RemoteRef.parse(ref.toString()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RemoteRef.parse("parley:///S/o?shm=bad"));
        assertEquals(true, e.getMessage().contains("names no endpoint"), e.getMessage());
    }
}
