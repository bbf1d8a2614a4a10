package io.parley.idl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parley.idl.TestModel.Catalog;
import io.parley.idl.TestModel.CatalogV2;
import io.parley.idl.TestModel.Color;
import io.parley.idl.TestModel.ColorV2;
import io.parley.idl.TestModel.DirectoryV1;
import io.parley.idl.TestModel.DirectoryV2;
import io.parley.idl.TestModel.PersonV1;
import io.parley.idl.TestModel.PersonV2;
import io.parley.spi.codec.InboundCall;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Peers with two versions of a type still understand each other when the newer one only added fields. */
class EvolutionTest {
    private final CodecHarness harness = new CodecHarness();

    @Test
    void recordThatGainedAFieldStillReadsOldMessages() {
        InboundCall call = harness.callThrough(DirectoryV1.class, DirectoryV2.class, "store",
                new PersonV1("ada", 36));
        assertEquals(new PersonV2("ada", 36, null), call.arguments()[0]);
    }

    @Test
    void oldReaderSkipsTheFieldItDoesNotKnow() {
        InboundCall call = harness.callThrough(DirectoryV2.class, DirectoryV1.class, "store",
                new PersonV2("ada", 36, List.of("ada@example.org")));
        assertEquals(new PersonV1("ada", 36), call.arguments()[0]);
    }

    @Test
    void newServerAnswersAnOldClientAndTheOldClientSkipsTheNewField() {
        InboundCall call = harness.callThrough(DirectoryV1.class, DirectoryV2.class, "store",
                new PersonV1("alan", 41));
        Object reply = harness.replyThrough(call, new PersonV2("alan", 41, List.of("alan@example.org")),
                DirectoryV1.class).value();
        assertEquals(new PersonV1("alan", 41), reply);
    }

    @Test
    void oldServerAnswersANewClientWhoSeesTheNewFieldAbsent() {
        InboundCall call = harness.callThrough(DirectoryV2.class, DirectoryV1.class, "store",
                new PersonV2("grace", 85, List.of()));
        Object reply = harness.replyThrough(call, new PersonV1("grace", 85), DirectoryV2.class).value();
        assertEquals(new PersonV2("grace", 85, null), reply);
    }

    @Test
    void enumConstantUnknownToTheReaderDecodesToNull() {
        InboundCall call = harness.callThrough(CatalogV2.class, Catalog.class, "paint", ColorV2.PURPLE);
        assertNull(call.arguments()[0]);
        InboundCall known = harness.callThrough(CatalogV2.class, Catalog.class, "paint", ColorV2.BLUE);
        assertEquals(Color.BLUE, known.arguments()[0]);
    }
}
