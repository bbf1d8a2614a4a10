package io.parley.internal.naming;

import io.parley.Completion;
import io.parley.ErrorCode;
import io.parley.OrbException;
import java.util.regex.Pattern;

/** Validates names and contexts, with errors that show the rule (the same rule as object ids of named exports). */
final class Names {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final int MAX_LENGTH = 512;

    private Names() {
    }

    /** A name: one or more segments. */
    static String checkName(String name) {
        if (name == null || name.length() > MAX_LENGTH || !NAME.matcher(name).matches()) {
            throw new OrbException(ErrorCode.INVALID_CONFIGURATION, Completion.NO, "invalid name '" + name
                    + "' (expected: segments of letters, digits, '.', '_' and '-' separated by '/', like "
                    + "'bank/accounts'; at most " + MAX_LENGTH + " characters)");
        }
        return name;
    }

    /** A context: a name, or {@code ""} (also accepted as {@code "/"}) for the root. */
    static String checkContext(String context) {
        if (context != null && (context.isEmpty() || context.equals("/"))) {
            return "";
        }
        return checkName(context);
    }
}
