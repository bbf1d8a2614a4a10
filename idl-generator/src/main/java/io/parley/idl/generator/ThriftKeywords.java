package io.parley.idl.generator;

import java.util.Set;

/**
 * Words the Thrift 0.17 compiler refuses as names: the IDL's own keywords and the words it reserves for the languages
 * it generates (found by running {@code thrift --gen py} and {@code --gen java} on each one).
 */
final class ThriftKeywords {
    private static final Set<String> RESERVED = Set.of(
            // IDL keywords
            "binary", "bool", "byte", "const", "cpp_include", "cpp_type", "double", "enum", "exception", "extends",
            "i8", "i16", "i32", "i64", "include", "list", "map", "namespace", "oneway", "optional", "required",
            "senum", "service", "set", "slist", "string", "struct", "throws", "typedef", "union", "void", "async",
            "xsd_all", "xsd_attrs", "xsd_nillable", "xsd_optional",
            // words reserved for generated languages
            "BEGIN", "END", "False", "None", "True", "__CLASS__", "__DIR__", "__FILE__", "__FUNCTION__", "__LINE__",
            "__METHOD__", "__NAMESPACE__", "abstract", "alias", "and", "args", "as", "assert", "begin", "break",
            "case", "catch", "class", "clone", "continue", "declare", "def", "default", "del", "delete", "do",
            "dynamic", "elif", "else", "elseif", "elsif", "end", "enddeclare", "endfor", "endforeach", "endif",
            "endswitch", "endwhile", "ensure", "except", "exec", "finally", "float", "for", "foreach", "from",
            "function", "global", "goto", "if", "implements", "import", "in", "inline", "instanceof", "interface",
            "is", "lambda", "module", "native", "new", "next", "nil", "nonlocal", "not", "or", "package", "pass",
            "print", "private", "protected", "public", "raise", "redo", "register", "rescue", "retry", "return",
            "self", "sizeof", "static", "super", "switch", "synchronized", "then", "this", "throw", "transient",
            "try", "undef", "unless", "unsigned", "until", "use", "var", "virtual", "volatile", "when", "while",
            "with", "xor", "yield");

    private ThriftKeywords() {
    }

    static boolean isReserved(String name) {
        return RESERVED.contains(name);
    }

    /**
     * A name the compiler accepts for a field, parameter or enum constant: the name itself, or with {@code '_'}
     * appended when it is reserved. Safe because only ids and values travel on the wire, never these names.
     */
    static String escape(String name) {
        return isReserved(name) ? name + "_" : name;
    }
}
