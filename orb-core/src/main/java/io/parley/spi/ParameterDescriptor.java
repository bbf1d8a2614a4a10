package io.parley.spi;

/**
 * One parameter of a remote method: a field of the method's Thrift {@code args} struct.
 *
 * @param id   the Thrift field id ({@link io.parley.Id}, by default the position starting at 1)
 * @param name the parameter's name (from {@code -parameters}, else {@code argN})
 * @param type its value type
 */
public record ParameterDescriptor(int id, String name, ValueType type) {
}
