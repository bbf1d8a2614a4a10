package io.parley.internal;

import io.parley.Completion;
import io.parley.ErrorCode;
import io.parley.OrbException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Object ids: a named object's id is its name; a transient object's id is {@code '~'} and 16 random bytes, which no
 * name can be, so the two never collide and transient ids cannot be guessed.
 */
final class ObjectIds {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ObjectIds() {
    }

    static String transientId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "~" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Checks a name, with an error that shows the rule. */
    static String checkName(String name) {
        if (name == null || name.length() > 512 || !NAME.matcher(name).matches()) {
            throw new OrbException(ErrorCode.INVALID_CONFIGURATION, Completion.NO, "invalid name '" + name
                    + "' (expected: segments of letters, digits, '.', '_' and '-' separated by '/', like "
                    + "'bank/accounts'; at most 512 characters)");
        }
        return name;
    }

    static long incarnation() {
        long value;
        do {
            value = RANDOM.nextLong();
        } while (value == 0);
        return value;
    }
}
