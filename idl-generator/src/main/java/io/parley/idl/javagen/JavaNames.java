package io.parley.idl.javagen;

import javax.lang.model.SourceVersion;

/** Java names for IDL names: Thrift allows snake_case and words that Java reserves. */
final class JavaNames {
    private JavaNames() {
    }

    /**
     * A Java field or parameter name: {@code user_id} becomes {@code userId}, and a Java keyword gets {@code '_'}
     * appended. Safe because only field ids travel on the wire.
     */
    static String member(String idlName) {
        StringBuilder result = new StringBuilder(idlName.length());
        boolean upper = false;
        for (int i = 0; i < idlName.length(); i++) {
            char c = idlName.charAt(i);
            if (c == '_' && result.length() > 0) {
                upper = true;
            } else {
                result.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return escape(result.length() == 0 ? idlName : result.toString());
    }

    /** A Java type name: the IDL name, with {@code '_'} appended when Java reserves it. */
    static String type(String idlName) {
        return escape(idlName);
    }

    /** Whether an IDL method name can be a Java method name as it is (method names travel on the wire). */
    static boolean isValidMethod(String idlName) {
        return SourceVersion.isIdentifier(idlName) && !SourceVersion.isKeyword(idlName);
    }

    /** {@code ShoppingCart} for {@code shopping_cart} or {@code shopping-cart}: the name of a constants class. */
    static String upperCamel(String text) {
        StringBuilder result = new StringBuilder();
        boolean upper = true;
        for (char c : text.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                upper = true;
            } else {
                result.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return result.toString();
    }

    private static String escape(String name) {
        return SourceVersion.isKeyword(name) ? name + "_" : name;
    }
}
