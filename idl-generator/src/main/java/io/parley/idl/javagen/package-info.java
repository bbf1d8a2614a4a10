/**
 * Java from Thrift IDL: {@link io.parley.idl.javagen.JavaGenerator} reads {@code .thrift} files with Thrifty's
 * parser and writes, with JavaPoet, the {@link io.parley.Remote} interfaces, records, enums, exceptions and constants
 * that let Parley serve and call that IDL, wire-compatible with every other Thrift implementation of it. The mapping
 * is described in {@code docs/idl.md}.
 */
package io.parley.idl.javagen;
