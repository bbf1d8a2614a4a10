package io.parley.idl.generator;

import java.util.List;

/** The remote interfaces given to {@link IdlGenerator} cannot be written as Thrift IDL; every reason is listed. */
public final class IdlGenerationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    IdlGenerationException(List<String> problems) {
        super("cannot generate Thrift IDL:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, naming the interface and the method, parameter or type it concerns. */
    public List<String> problems() {
        return problems;
    }
}
