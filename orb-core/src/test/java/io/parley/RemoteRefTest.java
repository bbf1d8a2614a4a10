package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteRefTest {

    @Test
    void stringFormRoundTrips() {
        RemoteRef ref = new RemoteRef("Calculator", "bank/accounts",
                List.of(Endpoint.tcp("127.0.0.1", 7000), Endpoint.tcp("::1", 7001)), 0x6c1f0e2a9b3d4f10L);
        String text = ref.toString();
        assertEquals("parley://127.0.0.1:7000,[::1]:7001/Calculator/bank%2Faccounts?incarnation=6c1f0e2a9b3d4f10",
                text);
        assertEquals(ref, RemoteRef.parse(text));
    }

    @Test
    void transientIdsAndNegativeIncarnationsRoundTrip() {
        RemoteRef ref = new RemoteRef("Echo", "~AbC-_x", List.of(Endpoint.tcp("localhost", 1)), -5L);
        assertEquals(ref, RemoteRef.parse(ref.toString()));
    }

    @Test
    void referenceWithoutIncarnationOmitsIt() {
        RemoteRef ref = RemoteRef.parse("parley://h:9/S/o");
        assertEquals(0, ref.incarnation());
        assertEquals("parley://h:9/S/o", ref.toString());
    }

    @Test
    void unknownParametersAreSkippedForForwardCompatibility() {
        RemoteRef ref = RemoteRef.parse("parley://h:9/S/o?shm=abc&incarnation=ff");
        assertEquals(255, ref.incarnation());
    }

    @Test
    void malformedReferencesNameWhatIsWrong() {
        assertMessage("http://h:1/S/o", "must start with parley://");
        assertMessage("parley://h:1", "no /service/objectId path");
        assertMessage("parley://h:1/S", "the path must be /service/objectId");
        assertMessage("parley:///S/o", "names no endpoint");
        assertMessage("parley://h/S/o", "is not host:port");
        assertMessage("parley://h:x/S/o", "no numeric port");
        assertMessage("parley://h:70000/S/o", "port: 70000");
        assertMessage("parley://h:1/S/a%3Ab", "without ':' or '#'");
        assertMessage("parley://h:1/S/o?incarnation=zz", "incarnation is not hexadecimal");
    }

    private static void assertMessage(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RemoteRef.parse(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }
}
