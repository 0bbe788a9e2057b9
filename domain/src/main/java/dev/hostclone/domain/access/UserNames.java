package dev.hostclone.domain.access;

import java.text.Normalizer;

/**
 * One user, one name: a user name in Unicode's composed form (NFC), whichever form it came in. {@code jos\u00e9}
 * with its accent precomposed (U+00E9) and {@code jose\u0301} with a combining accent look alike and are typed
 * alike on different systems, so they must be one user. Every name that comes in (the caller's, each name of an
 * objuser value written, the users a query names, the administrators) passes here before it is checked, stored
 * or compared, so that stored names and every comparison, on either store, agree.
 */
public final class UserNames {

    private UserNames() {
    }

    /** {@code name} in NFC: the same instance when it is already (every ASCII name is), null for null. */
    public static String normalized(String name) {
        if (name == null || Normalizer.isNormalized(name, Normalizer.Form.NFC)) {
            return name;
        }
        return Normalizer.normalize(name, Normalizer.Form.NFC);
    }
}
