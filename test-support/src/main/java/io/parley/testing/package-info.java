/**
 * Test kits shared by Parley's modules: contract suites that every transport (and later every naming backend)
 * passes, and helpers that start second JVMs.
 */
package io.parley.testing;
