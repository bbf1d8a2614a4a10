package io.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parley.Orb;
import io.parley.Remote;
import io.parley.RemoteRef;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two versions of one service, as deployed at different times: version 2's record gained a field (with a new id at
 * the end). Each version talks to the other.
 */
@Timeout(30)
class EvolutionTest {

    /** Version 1 of the record. */
    public record ProfileV1(String name, int age) {
    }

    /** Version 2: a field added at the end. */
    public record ProfileV2(String name, int age, List<String> tags) {
    }

    @Remote(name = "Profiles")
    public interface ProfilesV1 {
        ProfileV1 store(ProfileV1 profile);
    }

    @Remote(name = "Profiles")
    public interface ProfilesV2 {
        ProfileV2 store(ProfileV2 profile);
    }

    private Orb server;
    private Orb client;

    @BeforeEach
    void start() {
        server = Orb.builder().name("evolution-server").build();
        client = Orb.builder().name("evolution-client").build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void newServerStillServesOldClients() {
        ProfilesV2 v2Server = profile -> new ProfileV2(profile.name(), profile.age() + 1,
                profile.tags() == null ? List.of("was-absent") : profile.tags());
        RemoteRef ref = server.export("profiles", v2Server);
        ProfilesV1 oldClient = client.connect(ref, ProfilesV1.class);
        // The old client's message lacks 'tags'; the new server sees it absent, and its answer's extra field is
        // skipped by the old client.
        assertEquals(new ProfileV1("ann", 41), oldClient.store(new ProfileV1("ann", 40)));
    }

    @Test
    void oldServerStillServesNewClients() {
        ProfilesV1 v1Server = profile -> new ProfileV1(profile.name().toUpperCase(), profile.age());
        RemoteRef ref = server.export("profiles", v1Server);
        ProfilesV2 newClient = client.connect(ref, ProfilesV2.class);
        ProfileV2 back = newClient.store(new ProfileV2("bob", 7, List.of("x")));
        assertEquals("BOB", back.name());
        assertEquals(7, back.age());
        assertNull(back.tags(), "the old server knows no tags: the field is absent");
    }
}
