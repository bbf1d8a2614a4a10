package io.parley.spi.codec;

/** Creates a codec; found with {@link java.util.ServiceLoader} or given to {@code Orb.builder().codec(…)}. */
public interface CodecProvider {

    /** The codec's name ({@code "thrift"}). */
    String name();

    /** A new codec with those limits. */
    Codec create(CodecSettings settings);
}
