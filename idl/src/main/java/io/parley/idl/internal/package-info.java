/**
 * Implementation of the Thrift codec; not an API. Readers ({@code WireReader}) are Parley's own so that every limit
 * is checked before allocation; writing goes through libthrift's protocols ({@code WireWriter}). Value codecs are
 * built once per value type and method codecs once per method.
 */
package io.parley.idl.internal;
