/** The command line of the IDL generators: {@link io.parley.idl.tool.ParleyIdl}. */
package io.parley.idl.tool;
