package io.parley.idl.generator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names of an IDL file's top-level definitions. Structs, enums, exceptions, typedefs and services share one
 * namespace in the generated code of most languages (Java puts each in a class of that name), so every Java type or
 * service gets one name that no other definition has. Names never travel on the wire, so a type whose simple name
 * is taken can be given another one safely.
 */
final class IdlNames {
    private final Map<Object, String> byKey = new HashMap<>();
    private final Set<String> taken = new HashSet<>();

    /** Gives {@code key} exactly {@code name}, which must be free: Parley's own types get their names first. */
    void reserve(Object key, String name) {
        if (!taken.add(name)) {
            throw new IllegalStateException("IDL name reserved twice: " + name);
        }
        byKey.put(key, name);
    }

    /** The name given to {@code key}, or {@code null}. */
    String nameOf(Object key) {
        return byKey.get(key);
    }

    /** The name of {@code key}: the one it already has, else the first free candidate (numbered if none is). */
    String claim(Object key, List<String> candidates) {
        String known = byKey.get(key);
        if (known != null) {
            return known;
        }
        for (String candidate : candidates) {
            if (!ThriftKeywords.isReserved(candidate) && taken.add(candidate)) {
                byKey.put(key, candidate);
                return candidate;
            }
        }
        String base = candidates.get(0);
        for (int n = 2; ; n++) {
            if (taken.add(base + n)) {
                byKey.put(key, base + n);
                return base + n;
            }
        }
    }

    /**
     * Candidate names for a Java class, best first: its simple name, then prefixed with its enclosing classes
     * ({@code Calculator_Statistics}), then with its package's last segment too ({@code acme_Calculator_Statistics}),
     * then its whole name ({@code io_acme_Calculator_Statistics}).
     */
    static List<String> candidates(Class<?> type) {
        List<String> result = new ArrayList<>();
        result.add(identifier(type.getSimpleName()));
        StringBuilder nested = new StringBuilder(type.getSimpleName());
        for (Class<?> outer = type.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            nested.insert(0, outer.getSimpleName() + "_");
            result.add(identifier(nested.toString()));
        }
        String packageName = type.getPackageName();
        String lastSegment = packageName.substring(packageName.lastIndexOf('.') + 1);
        if (!lastSegment.isEmpty()) {
            result.add(identifier(lastSegment + "_" + nested));
        }
        result.add(identifier(type.getName()));
        return result;
    }

    /** {@code text} with every character that is not a letter, digit or {@code '_'} replaced by {@code '_'}. */
    static String identifier(String text) {
        StringBuilder result = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ascii = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9');
            result.append(ascii ? c : '_');
        }
        if (result.length() == 0 || Character.isDigit(result.charAt(0))) {
            result.insert(0, '_');
        }
        return result.toString();
    }
}
