package dev.hostclone.domain.query;

/**
 * The one case folding of every search that finds a text anywhere ignoring case (search_business's
 * texts, search_cloud_area's fuzzy condition, the audit's fuzzy {@code resource_name}): each code point
 * to its simple lower case ({@link Character#toLowerCase(int)}), one for one, as PostgreSQL's
 * {@code lower()} folds under the embedded cluster's builtin {@code C.UTF-8} locale (and PCRE's caseless
 * match). {@link String#toLowerCase} maps some letters to two ({@code İ} to {@code i̇}) or by their
 * context (a final {@code Σ} to {@code ς}), so that the memory store missed what PostgreSQL found.
 */
public final class TextFolding {

    private TextFolding() {
    }

    /** {@code text} with each code point folded to its simple lower case. */
    public static String fold(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        text.codePoints().map(Character::toLowerCase).forEach(folded::appendCodePoint);
        return folded.toString();
    }

    /** Whether {@code value} holds {@code part} anywhere, both folded: PostgreSQL's {@code strpos(lower(v), lower(p)) > 0}. */
    public static boolean contains(String value, String part) {
        return fold(value).contains(fold(part));
    }
}
