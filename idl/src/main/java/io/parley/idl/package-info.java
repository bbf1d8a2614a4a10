/**
 * The Thrift codec: Parley's calls, results and errors as standard Apache Thrift messages (compact protocol by
 * default, strict binary accepted), so that plain Thrift clients in any language can call exported objects. The
 * type mapping, field-id, evolution and error rules are in {@code docs/types.md}.
 */
package io.parley.idl;
