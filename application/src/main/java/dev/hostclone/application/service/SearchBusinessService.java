package dev.hostclone.application.service;

import dev.hostclone.application.port.in.SearchBusinessUseCase;
import dev.hostclone.application.port.out.SearchBusinessesPort;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.access.Resource;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.query.BusinessQuery;
import dev.hostclone.domain.query.Page;
import java.util.concurrent.CompletionStage;

/**
 * Finds businesses (API.md §5, search_business). Whoever may view businesses platform-wide (the
 * administrators) searches them all; anybody else only those listing them as maintainer, so a search
 * never fails for want of permission, it just finds less.
 */
public final class SearchBusinessService implements SearchBusinessUseCase {

    private final SearchBusinessesPort businesses;
    private final Authorization authorization;

    public SearchBusinessService(SearchBusinessesPort businesses, Authorization authorization) {
        this.businesses = businesses;
        this.authorization = authorization;
    }

    @Override
    public CompletionStage<Page<Business>> searchBusinesses(Actor actor, BusinessQuery query) {
        return authorization.holds(actor, Permission.onPlatform(Action.FIND_BUSINESS, Resource.BUSINESS))
                .thenCompose(seesAll -> businesses.searchBusinesses(seesAll ? query : query.visibleTo(actor.user())));
    }
}
