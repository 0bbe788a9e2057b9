package dev.hostclone.domain.text;

/**
 * Texts measured and cut as a reader counts their characters: by code point. An emoji or a rare CJK
 * ideograph lies beyond the Basic Multilingual Plane, two UTF-16 units in a Java string; counted by units, 129
 * emoji were over a 256-character limit, and a text cut for a message could end in half of one, a lone
 * surrogate, which JSON writes as an escape that many decoders refuse.
 */
public final class Characters {

    private Characters() {
    }

    /** Whether {@code text} holds more than {@code max} characters; counted only when its UTF-16 length is over. */
    public static boolean over(String text, int max) {
        return text.length() > max && text.codePointCount(0, text.length()) > max;
    }

    /** {@code text}, or its first {@code max} characters and {@code ...} when it holds more. */
    public static String abbreviated(String text, int max) {
        return over(text, max) ? text.substring(0, text.offsetByCodePoints(0, max)) + "..." : text;
    }
}
