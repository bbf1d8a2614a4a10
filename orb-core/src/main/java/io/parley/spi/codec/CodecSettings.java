package io.parley.spi.codec;

/**
 * Limits on what a codec reads, checked before anything is allocated for it. A message that breaks one fails with
 * {@link io.parley.ErrorCode#PROTOCOL_ERROR}, naming the limit and its setting.
 *
 * @param maxStringBytes      the longest string or binary value
 * @param maxContainerEntries the most elements in one list, set or map
 * @param maxDepth            the deepest nesting of structs and containers
 */
public record CodecSettings(int maxStringBytes, int maxContainerEntries, int maxDepth) {

    /** 16 MB strings, one million container entries, depth 64 (Thrift's recursion limit). */
    public static CodecSettings defaults() {
        return new CodecSettings(16 * 1024 * 1024, 1_000_000, 64);
    }
}
