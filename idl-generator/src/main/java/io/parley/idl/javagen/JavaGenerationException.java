package io.parley.idl.javagen;

import java.util.List;

/** Thrift IDL that cannot be turned into Parley Java; every reason is listed, with its file and line. */
public final class JavaGenerationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    JavaGenerationException(List<String> problems) {
        super("cannot generate Java from Thrift IDL:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, prefixed with where in the IDL it is. */
    public List<String> problems() {
        return problems;
    }
}
