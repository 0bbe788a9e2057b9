package dev.hostclone.domain.access;

import dev.hostclone.domain.text.Characters;
import dev.hostclone.domain.text.StoredTexts;
import java.text.Normalizer;

/**
 * One user, one name: a user name in Unicode's composed form (NFC), whichever form it came in. {@code jos\u00e9}
 * with its accent precomposed (U+00E9) and {@code jose\u0301} with a combining accent look alike and are typed
 * alike on different systems, so they must be one user. Every name that comes in (the caller's, each name of an
 * objuser value written, the users a query names, the administrators) passes here before it is checked, stored
 * or compared, so that stored names and every comparison, on either store, agree.
 *
 * <p>Composing only: a name holding a character NFC would replace by another ({@code \u212a} KELVIN SIGN by
 * {@code K}, a CJK compatibility ideograph by its unified one) is kept as sent. Nobody types those by chance, and
 * a user directory comparing names as sent holds {@code \u212aate} and {@code Kate} as two accounts: mapped, the
 * first would get the second's rights.
 *
 * <p>At most {@link #MAX_LENGTH} characters, composed: the most a name in an objuser value may hold, so that every
 * caller is a name a business can list. Nothing longer is anybody's name, and PostgreSQL's audit index, which holds
 * the caller's name, refuses one of about 2.7 kB (SQLSTATE 54000), where the memory store took it.
 */
public final class UserNames {

    /** The longest name, in characters (code points) of its composed form. */
    public static final int MAX_LENGTH = 256;

    private UserNames() {
    }

    /** Whether {@code name}, composed already ({@link #normalized}), is longer than {@link #MAX_LENGTH} characters. */
    public static boolean tooLong(String name) {
        return Characters.over(name, MAX_LENGTH);
    }

    /**
     * {@code name} in NFC, a lone surrogate in it replaced by U+FFFD as in every stored text ({@link StoredTexts}):
     * the same instance when it is so already (every ASCII name is) or when it holds a character NFC replaces
     * ({@link UserNames}); null for null.
     */
    public static String normalized(String name) {
        if (name == null || beforeCombiningMarks(name)) {
            return name;
        }
        String whole = StoredTexts.withLoneSurrogatesReplaced(name);
        if (Normalizer.isNormalized(whole, Normalizer.Form.NFC) || replacesCharacters(whole)) {
            return whole;
        }
        return Normalizer.normalize(whole, Normalizer.Form.NFC);
    }

    /**
     * Whether every character is below U+0300, where the combining marks begin: such a name is composed already.
     * Every request's user passes here, and {@link Normalizer#isNormalized} allocates even for ASCII.
     */
    private static boolean beforeCombiningMarks(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= '\u0300') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether NFC would replace one of {@code name}'s characters rather than only compose it with its neighbours:
     * a character NFC changes even standing alone (a singleton such as U+212A, a composition exclusion).
     */
    private static boolean replacesCharacters(String name) {
        return name.codePoints().anyMatch(c -> !Normalizer.isNormalized(Character.toString(c), Normalizer.Form.NFC));
    }
}
