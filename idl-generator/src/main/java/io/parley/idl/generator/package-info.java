/**
 * Thrift IDL from Parley remote interfaces: {@link io.parley.idl.generator.IdlGenerator} writes a {@code .thrift}
 * file that the Apache Thrift 0.17 compiler accepts, so that programs in other languages can call exported objects
 * with their standard Thrift libraries. The mapping is described in {@code docs/idl.md}.
 */
package io.parley.idl.generator;
