package dev.hostclone.domain.access;

import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.host.HostId;
import java.util.List;
import java.util.Objects;

/**
 * A permission: an action on a resource, named by its path (business, then host). The business in
 * the path is the one a maintainer must belong to; null for platform-wide actions.
 */
public record Permission(Action action, String resourceType, BusinessId business, List<Resource> path) {

    public Permission {
        Objects.requireNonNull(action, "action");
        path = List.copyOf(path);
    }

    /** Act on one host of a business. */
    public static Permission onHost(Action action, BusinessId business, HostId host) {
        return new Permission(action, Resource.HOST, business,
                List.of(Resource.business(business.value()), Resource.host(host.value())));
    }

    /** Act on a business as a whole. */
    public static Permission onBusiness(Action action, BusinessId business) {
        return new Permission(action, Resource.BUSINESS, business, List.of(Resource.business(business.value())));
    }

    /** Platform-wide: only administrators have it. */
    public static Permission onPlatform(Action action, String resourceType) {
        return new Permission(action, resourceType, null, List.of());
    }
}
