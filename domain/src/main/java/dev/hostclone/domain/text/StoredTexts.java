package dev.hostclone.domain.text;

/**
 * What a text must be to be stored alike by every store. PostgreSQL's text and jsonb cannot hold a NUL,
 * and its client writes a lone UTF-16 surrogate (one without its pair) as {@code ?}, so two distinct
 * texts would be stored as one. A NUL is therefore refused, and a lone surrogate replaced by U+FFFD, as
 * BlueKing's decoder (json-iterator) replaces it. {@link AttributeValues} applies this to every text
 * value, so that an application embedding HostClone gets the same answer as an HTTP caller, on either
 * store; the HTTP adapter applies it to every text of a body (search conditions and names included).
 */
public final class StoredTexts {

    private static final char REPLACEMENT = '\uFFFD';

    private StoredTexts() {
    }

    /**
     * {@code text} without the white space at either end, as BlueKing trims each text value before it checks and
     * stores it (Go's {@code strings.TrimSpace}): {@link #isSpace Unicode's white space}, the ideographic space
     * (U+3000) a Chinese input method types and the no-break space (U+00A0) a pasted web page carries among it, and
     * no other control character. Java's {@code trim()}, used until 2026-12-07, kept those two and took every
     * control character off, so {@code web01\u3000} was stored with its space and {@code "1 "} for an enum refused.
     */
    public static String trimmed(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /**
     * Unicode's {@code White_Space}, Go's {@code unicode.IsSpace}: tab to carriage return, U+0085, and the space,
     * line and paragraph separators (Java's {@code isSpaceChar}, which holds U+00A0; its {@code isWhitespace} does
     * not, and holds U+001C to U+001F, which are no space). All of them are single UTF-16 units.
     */
    static boolean isSpace(char c) {
        return c >= '\t' && c <= '\r' || c == '\u0085' || Character.isSpaceChar(c);
    }

    public static boolean holdsNul(String text) {
        return text.indexOf('\u0000') >= 0;
    }

    /** {@code text} with each lone surrogate replaced by U+FFFD: the same instance when it has none. */
    public static String withLoneSurrogatesReplaced(String text) {
        StringBuilder repaired = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (repaired != null) {
                    repaired.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (repaired == null) {
                    repaired = new StringBuilder(text.length()).append(text, 0, i);
                }
                repaired.append(REPLACEMENT);
            } else if (repaired != null) {
                repaired.append(c);
            }
        }
        return repaired == null ? text : repaired.toString();
    }
}
