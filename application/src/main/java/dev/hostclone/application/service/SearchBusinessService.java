package dev.hostclone.application.service;

import dev.hostclone.application.port.in.SearchBusinessUseCase;
import dev.hostclone.application.port.out.SearchBusinessesPort;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.access.Resource;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.query.BusinessCondition;
import dev.hostclone.domain.query.BusinessQuery;
import dev.hostclone.domain.query.Page;
import dev.hostclone.domain.query.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Finds businesses (API.md §5, search_business). Whoever may view businesses platform-wide (the
 * administrators) searches them all; anybody else only those they may view one by one, so a search
 * never fails for want of permission, it just finds less. Which those are is the authorization's to say:
 * <ul>
 *   <li>under the built-in rule, the businesses listing the user as maintainer ({@link #ofMaintainers}), which the
 *       store finds in the search itself;</li>
 *   <li>under an application's authorizer, those it grants {@code find_business} on ({@link #askingEachBusiness}),
 *       as BlueKing's search lists the businesses its IAM authorizes: every business matching the condition is
 *       asked about in one call, and the page is taken from those granted. Until 2026-12-07 this narrowed by the
 *       maintainer lists too, so that a user the application's IAM had revoked still listed the businesses once
 *       maintained.</li>
 * </ul>
 */
public final class SearchBusinessService implements SearchBusinessUseCase {

    private static final Permission VIEW_ALL = Permission.onPlatform(Action.FIND_BUSINESS, Resource.BUSINESS);

    private final SearchBusinessesPort businesses;
    private final Authorization authorization;
    private final boolean askingEachBusiness;

    private SearchBusinessService(SearchBusinessesPort businesses, Authorization authorization,
                                  boolean askingEachBusiness) {
        this.businesses = businesses;
        this.authorization = authorization;
        this.askingEachBusiness = askingEachBusiness;
    }

    /** Under the built-in rule, where a business's maintainers, and only they, may view it. */
    public static SearchBusinessService ofMaintainers(SearchBusinessesPort businesses, Authorization authorization) {
        return new SearchBusinessService(businesses, authorization, false);
    }

    /** Under an application's authorizer, which says which businesses each user may view. */
    public static SearchBusinessService askingEachBusiness(SearchBusinessesPort businesses,
                                                           Authorization authorization) {
        return new SearchBusinessService(businesses, authorization, true);
    }

    @Override
    public CompletionStage<Page<Business>> searchBusinesses(Actor actor, BusinessQuery query) {
        return authorization.holds(actor, VIEW_ALL).thenCompose(seesAll -> {
            if (seesAll) {
                return businesses.searchBusinesses(query);
            }
            if (!askingEachBusiness) {
                return businesses.searchBusinesses(query.visibleTo(actor.user()));
            }
            return matching(query.condition(), 0, new ArrayList<>())
                    .thenCompose(candidates -> candidates.isEmpty() ? CompletableFuture.completedStage(candidates)
                            : authorization.held(actor, candidates))
                    .thenCompose(viewable -> viewable.isEmpty()
                            ? CompletableFuture.completedStage(new Page<>(0, List.of()))
                            : businesses.searchBusinesses(new BusinessQuery(query.condition().andIdIn(
                                    viewable.stream().map(permission -> permission.business().value()).toList()),
                                    query.maintainer(), query.page())));
        });
    }

    /**
     * Viewing each business matching {@code condition}, from its {@code start}-th by id on, a page at a time: a
     * business made after its page was read is left out, as it was not asked about (businesses are never changed or
     * removed, so none is skipped). A page a round trip, and every match asked about: the cost grows with the
     * businesses matching, where the built-in rule's store-side filter reads one page.
     */
    private CompletionStage<List<Permission>> matching(BusinessCondition condition, int start, List<Permission> found) {
        BusinessQuery page = new BusinessQuery(condition, null,
                new PageRequest(start, BusinessQuery.MAX_LIMIT, Business.ID, false));
        return businesses.searchBusinesses(page).thenCompose(matched -> {
            matched.info().forEach(business -> found.add(Permission.onBusiness(Action.FIND_BUSINESS, business.id())));
            return matched.info().size() == BusinessQuery.MAX_LIMIT && found.size() < matched.count()
                    ? matching(condition, start + BusinessQuery.MAX_LIMIT, found)
                    : CompletableFuture.completedStage(found);
        });
    }
}
