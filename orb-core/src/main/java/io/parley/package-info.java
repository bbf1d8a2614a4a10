/**
 * Parley's public API: annotations for remote interfaces and servants, {@link io.parley.Orb}, references and errors.
 */
package io.parley;
