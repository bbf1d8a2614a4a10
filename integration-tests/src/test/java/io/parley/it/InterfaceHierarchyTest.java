package io.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.Orb;
import io.parley.Remote;
import io.parley.RemoteRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A servant of a remote interface that extends another is referenced as the most specific one, and serves both. */
@Timeout(30)
class InterfaceHierarchyTest {

    @Remote
    public interface Base {
        String ping();
    }

    @Remote
    public interface Derived extends Base {
        int twice(int x);
    }

    @Test
    void referenceNamesTheMostSpecificInterfaceAndItsParentStillAnswers() {
        Derived servant = new Derived() {
            @Override
            public String ping() {
                return "pong";
            }

            @Override
            public int twice(int x) {
                return 2 * x;
            }
        };
        try (Orb server = Orb.builder().build(); Orb client = Orb.builder().build()) {
            RemoteRef ref = server.export(servant);
            assertEquals("Derived", ref.service());
            Derived derived = client.connect(ref, Derived.class);
            assertEquals(14, derived.twice(7));
            assertEquals("pong", derived.ping());
            Base base = client.connect(new RemoteRef("Base", ref.objectId(), ref.endpoints(), 0), Base.class);
            assertEquals("pong", base.ping());
        }
    }
}
