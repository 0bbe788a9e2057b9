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
