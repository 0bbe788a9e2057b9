package dev.hostclone.domain.model;

import java.util.List;
import java.util.Objects;

/**
 * The text of a unique key: the rule id, then each value after a U+001F separator. Two keys have the
 * same text exactly when their rule ids are equal and their values read the same, so a store may use
 * the text (or its hash) as the key itself.
 *
 * <p>A value is written as its {@code toString}, except that a list is written as {@code [a, b]} with
 * each element written the same way, and that the characters this syntax gives a meaning to
 * (U+001B, the separator, {@code [}, {@code ]} and {@code ,}) are preceded by U+001B wherever a text
 * holds them. Without the escape, {@code ["a, b"]} and {@code ["a", "b"]} (option ids of an
 * {@code enummulti} may hold ", "), or a text holding the separator, wrote the same key, and a host was
 * refused as a duplicate of one it did not duplicate. A value's type is not written: a field holds one
 * type, so {@code "1"} and {@code 1} never meet in one place of one rule. An empty list and a list of
 * one empty text read the same; neither binds a key ({@link UniqueKeys} skips empty lists, and list
 * elements are option ids, never empty, or numbers).
 */
final class UniqueKeyText {

    static final char SEPARATOR = '\u001f';
    static final char ESCAPE = '\u001b';

    private UniqueKeyText() {
    }

    /** The text of the key of {@code values} under rule {@code ruleId}. */
    static String of(long ruleId, List<?> values) {
        StringBuilder text = new StringBuilder(16 + 16 * values.size()).append(ruleId);
        for (Object value : values) {
            write(value, text.append(SEPARATOR));
        }
        return text.toString();
    }

    private static void write(Object value, StringBuilder text) {
        if (value instanceof List<?> list) {
            text.append('[');
            for (int i = 0; i < list.size(); i++) {
                write(list.get(i), i == 0 ? text : text.append(", "));
            }
            text.append(']');
            return;
        }
        String plain = Objects.toString(value);
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (c == ESCAPE || c == SEPARATOR || c == '[' || c == ']' || c == ',') {
                text.append(ESCAPE);
            }
            text.append(c);
        }
    }
}
