package io.parley.idl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.parley.idl.TestModel.Catalog;
import io.parley.idl.TestModel.Node;
import io.parley.spi.codec.CodecProvider;
import io.parley.spi.codec.CodecSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ThriftCodecProviderTest {

    @Test
    void serviceLoaderFindsTheThriftCodecWithTheGivenSettings() {
        CodecProvider provider = ServiceLoader.load(CodecProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("thrift"))
                .findFirst().orElseThrow();
        CodecSettings settings = new CodecSettings(100, 10, 5);
        ThriftCodec codec = assertInstanceOf(ThriftCodec.class, provider.create(settings));
        assertEquals(settings, codec.settings());
        assertEquals("thrift", codec.name());
    }

    @Test
    void threadsEncodingAtTheSameTimeDoNotShareBuffers() throws Exception {
        CodecHarness harness = new CodecHarness();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        Node node = new Node("t" + thread + "-" + i, List.of(new Node("child" + i, List.of())));
                        assertEquals(node, harness.resultThrough(Catalog.class, "tree", node, node));
                    }
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
