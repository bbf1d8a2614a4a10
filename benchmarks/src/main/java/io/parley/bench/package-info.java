/**
 * Benchmarks of Parley against a raw socket floor and Java RMI. {@link io.parley.bench.RoundTripBenchmark} is the
 * entry point; each system under test is one {@link io.parley.bench.SystemUnderTest} with its server main in a
 * sub-package ({@code raw}, {@code rmi}, {@code parley}); {@code naming} holds the naming cases (a name-bound proxy
 * over 3 replica JVMs vs a direct reference, and kill -9 failover); {@code leases} and {@code idle} the experiments of
 * issues 4 and 5 (callback objects created and dropped: export counts and heaps; the CPU of idle connections);
 * {@code jmh} holds the JMH micro-benchmarks, the collocated call among them. See benchmarks/README.md for what is
 * measured and how to run it.
 */
package io.parley.bench;
