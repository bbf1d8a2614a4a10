package io.parley;

import java.util.List;

/**
 * A remote interface (or a value type it uses) breaks Parley's rules. The message lists every problem found, each
 * naming the method, parameter or type at fault, so that all of them can be fixed at once.
 */
public class InvalidRemoteInterfaceException extends OrbException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidRemoteInterfaceException(Class<?> iface, List<String> problems) {
        super(ErrorCode.INVALID_CONFIGURATION, Completion.NO, describe(iface, problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem. */
    public List<String> problems() {
        return problems;
    }

    private static String describe(Class<?> iface, List<String> problems) {
        StringBuilder text = new StringBuilder(iface.getName()).append(" is not a valid remote interface (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        for (String problem : problems) {
            text.append("\n  - ").append(problem);
        }
        return text.toString();
    }
}
