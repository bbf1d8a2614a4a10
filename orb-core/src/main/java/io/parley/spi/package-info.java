/**
 * The vocabulary shared by every plugin: validated descriptors of remote interfaces and the value types they use.
 * Plugins implement the interfaces of the sub-packages: {@code transport}, {@code codec}, {@code proxy}.
 */
package io.parley.spi;
