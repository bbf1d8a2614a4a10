package io.parley.internal.naming;

import io.parley.BindOptions;
import io.parley.RemoteRef;

/** A name this process has bound: what it bound, how, and the reference it published. */
record LocalBinding(Object servant, BindOptions options, RemoteRef ref) {
}
