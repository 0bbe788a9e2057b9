package dev.hostclone.domain.access;

import dev.hostclone.domain.business.Business;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * HostClone's own authorization rule (API.md §6): administrators may do everything; a maintainer of
 * a business may view and edit what belongs to it; nobody else may.
 */
public record AccessPolicy(Set<String> administrators) {

    public AccessPolicy {
        // a name configured decomposed is still the administrator who calls with it composed
        administrators = administrators.stream().map(UserNames::normalized).collect(Collectors.toUnmodifiableSet());
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
