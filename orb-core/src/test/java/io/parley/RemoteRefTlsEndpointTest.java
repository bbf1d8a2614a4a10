package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** TLS endpoints in a reference's string form: the scheme {@code parleys://}. */
class RemoteRefTlsEndpointTest {
    private static final Endpoint TLS = Endpoint.tls("app1.example.com", 7000);
    private static final Endpoint SHM = Endpoint.shm("3f9a0c1d5e7b2a84", 41234);

    @Test
    void tlsEndpointsAreWrittenWithTheParleysScheme() {
        RemoteRef ref = new RemoteRef("Calculator", "calc", List.of(TLS, Endpoint.tls("10.0.0.5", 7000)),
                0x6c1f0e2a9b3d4f10L);
        String text = ref.toString();
        assertEquals("parleys://app1.example.com:7000,10.0.0.5:7000/Calculator/calc?incarnation=6c1f0e2a9b3d4f10",
                text);
        assertEquals(ref, RemoteRef.parse(text));
        assertTrue(RemoteRef.parse(text).endpoints().stream().allMatch(Endpoint::requiresTls));
    }

    @Test
    void sharedMemoryEndpointStaysAParameterOfATlsReference() {
        RemoteRef ref = new RemoteRef("S", "o", List.of(TLS, SHM), 0);
        assertEquals("parleys://app1.example.com:7000/S/o?shm=3f9a0c1d5e7b2a84:41234", ref.toString());
        assertEquals(List.of(TLS, SHM), RemoteRef.parse(ref.toString()).endpoints());
    }

    @Test
    void plainReferencesKeepTheParleySchemeAndTcpEndpoints() {
        RemoteRef ref = RemoteRef.parse("parley://h:9/S/o");
        assertEquals(List.of(Endpoint.tcp("h", 9)), ref.endpoints());
        assertFalse(ref.endpoints().get(0).requiresTls());
        assertTrue(ref.toString().startsWith("parley://"));
    }

    @Test
    void ipv6TlsEndpointRoundTrips() {
        RemoteRef ref = new RemoteRef("S", "o", List.of(Endpoint.tls("::1", 7443)), 0);
        assertEquals("parleys://[::1]:7443/S/o", ref.toString());
        assertEquals(ref, RemoteRef.parse(ref.toString()));
    }

    @Test
    void tlsAndTcpEndpointsCannotShareOneReference() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RemoteRef("S", "o", List.of(TLS, Endpoint.tcp("h", 9)), 0));
        assertTrue(e.getMessage().contains("cannot mix tls and tcp endpoints"), e.getMessage());
    }

    @Test
    void anUnknownSchemeNamesBothAccepted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RemoteRef.parse("https://h:1/S/o"));
        assertTrue(e.getMessage().contains("parley:// or parleys://"), e.getMessage());
    }
}
