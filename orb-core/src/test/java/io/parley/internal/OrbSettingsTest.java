package io.parley.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.ErrorCode;
import io.parley.Orb;
import io.parley.OrbException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OrbSettingsTest {

    @Test
    void everyBadSettingIsNamedWithItsValue() {
        OrbException e = assertThrows(OrbException.class, () -> Orb.builder().port(70000)
                .defaultTimeout(Duration.ZERO).maxMessageBytes(10).ioThreads(-1).build());
        assertEquals(ErrorCode.INVALID_CONFIGURATION, e.code());
        assertTrue(e.getMessage().contains("port: 70000"), e.getMessage());
        assertTrue(e.getMessage().contains("defaultTimeout: PT0S"), e.getMessage());
        assertTrue(e.getMessage().contains("maxMessageBytes: 10"), e.getMessage());
        assertTrue(e.getMessage().contains("ioThreads: -1"), e.getMessage());
    }

    @Test
    void missingPluginsNameTheArtifactToAdd() {
        // orb-core alone has no codec on its test class path.
        OrbException e = assertThrows(OrbException.class, () -> Orb.builder().build());
        assertTrue(e.getMessage().contains("io.parley:parley-idl"), e.getMessage());
    }

    @Test
    void namesAreValidatedWithTheRule() {
        assertEquals("bank/accounts", ObjectIds.checkName("bank/accounts"));
        for (String bad : new String[] {"", "/a", "a/", "a//b", "a:b", "a#b", "a b"}) {
            OrbException e = assertThrows(OrbException.class, () -> ObjectIds.checkName(bad));
            assertTrue(e.getMessage().contains("invalid name '" + bad + "'"), e.getMessage());
        }
        assertTrue(ObjectIds.transientId().startsWith("~"));
    }
}
