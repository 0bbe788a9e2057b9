package dev.hostclone.adapter.persistence.memory;

import java.util.Comparator;

/**
 * Names in the order of their code points, as PostgreSQL's {@code COLLATE "C"} orders UTF-8's bytes.
 * {@link String#compareTo} orders UTF-16's units instead, and puts a character past U+FFFF (an emoji,
 * CJK Extension B) before one of U+E000 to U+FFFF (the fullwidth brackets of Chinese names).
 */
final class CodePointOrder {

    static final Comparator<String> TEXT = CodePointOrder::compare;

    private CodePointOrder() {
    }

    private static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
