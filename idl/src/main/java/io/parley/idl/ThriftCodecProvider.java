package io.parley.idl;

import io.parley.spi.codec.Codec;
import io.parley.spi.codec.CodecProvider;
import io.parley.spi.codec.CodecSettings;

/** Provides the {@link ThriftCodec}, named {@code "thrift"}; found through {@link java.util.ServiceLoader}. */
public final class ThriftCodecProvider implements CodecProvider {

    @Override
    public String name() {
        return "thrift";
    }

    @Override
    public Codec create(CodecSettings settings) {
        return new ThriftCodec(settings);
    }
}
