package dev.hostclone.domain.access;

import dev.hostclone.domain.business.Business;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * HostClone's own authorization rule (API.md §6): administrators may do everything; a maintainer of
 * a business may view and edit what belongs to it; nobody else may.
 */
public record AccessPolicy(Set<String> administrators) {

    /** The characters of a name too long that its refusal shows. */
    private static final int SHOWN = 32;

    public AccessPolicy {
        // a name configured decomposed is still the administrator who calls with it composed
        administrators = copyOfAdministrators(administrators).stream().map(UserNames::normalized)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * A copy of {@code administrators}, refused naming them if they hold a null: the set may be a test's, a demo's
     * or an embedding application's own making, and {@link Set#copyOf}'s refusal named neither the set nor what was
     * null. Where the server's configuration and the embedding factories take the set, before it reaches a policy.
     * A name longer than any caller's ({@link UserNames#MAX_LENGTH}) is refused too: nobody could call with it.
     *
     * @throws IllegalArgumentException naming the start of a name that is too long
     */
    public static Set<String> copyOfAdministrators(Set<String> administrators) {
        if (administrators.stream().anyMatch(Objects::isNull)) {
            throw new NullPointerException("administrators holds a null where a user's name belongs");
        }
        for (String name : administrators) {
            String composed = UserNames.normalized(name);
            if (UserNames.tooLong(composed)) {
                throw new IllegalArgumentException("administrators: a name holds at most " + UserNames.MAX_LENGTH
                        + " characters, and '" + composed.substring(0, composed.offsetByCodePoints(0, SHOWN)) + "...' holds "
                        + composed.codePointCount(0, composed.length()));
            }
        }
        return Set.copyOf(administrators);
    }

    public boolean isAdministrator(String user) {
        return administrators.contains(user);
    }

    /** Whether {@code user} holds {@code permission}, given the business it names (null if none or unknown). */
    public boolean permits(String user, Permission permission, Business business) {
        if (isAdministrator(user)) {
            return true;
        }
        return permission.business() != null
                && business != null
                && business.id().equals(permission.business())
                && business.maintainers().contains(user);
    }
}
