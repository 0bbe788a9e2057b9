package dev.hostclone.application.service;

import static dev.hostclone.application.service.Fixtures.ADMIN;
import static dev.hostclone.application.service.Fixtures.ALICE;
import static dev.hostclone.application.service.Fixtures.join;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.application.port.out.AuthorizePort;
import dev.hostclone.application.port.out.SearchBusinessesPort;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.query.BusinessCondition;
import dev.hostclone.domain.query.BusinessQuery;
import dev.hostclone.domain.query.Page;
import dev.hostclone.domain.query.PageRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SearchBusinessServiceTest {

    private final BusinessQuery query = new BusinessQuery(Map.of("life_cycle", "2"), null,
            new PageRequest(0, 20, "bk_biz_id", false));

    @Nested
    class UnderTheBuiltInRule {

        private final List<BusinessQuery> asked = new ArrayList<>();
        private final SearchBusinessService service = SearchBusinessService.ofMaintainers(query -> {
            asked.add(query);
            return CompletableFuture.completedStage(new Page<Business>(0, List.of()));
        }, Fixtures.authorization());

        @Test
        void givenAdministrator_whenSearching_thenEveryBusinessIsSearched() {
            join(service.searchBusinesses(ADMIN, query));

            assertThat(asked).containsExactly(query);
        }

        @Test
        void givenOtherUser_whenSearching_thenOnlyTheBusinessesTheyMaintainAreSearched() {
            join(service.searchBusinesses(ALICE, query));

            assertThat(asked).containsExactly(query.visibleTo("alice"));
        }
    }

    /**
     * An application's authorizer says which businesses a user may view: every business the condition matches is
     * asked about in one call, whatever its maintainers, and the page is taken from those it grants.
     */
    @Nested
    class UnderAnApplicationsAuthorizer {

        /** 450 businesses, each maintained by alice: more than two pages of the largest a search takes. */
        private final Businesses store = new Businesses(450);
        private final List<List<Permission>> iamAsked = new ArrayList<>();

        private SearchBusinessService grantingAliceViewing(long... businesses) {
            Set<Permission> granted = new HashSet<>();
            LongStream.of(businesses).forEach(id -> granted.add(viewing(id)));
            AuthorizePort iam = (actor, required) -> {
                iamAsked.add(required);
                return CompletableFuture.completedStage(actor.user().equals("admin") ? List.of()
                        : required.stream().filter(permission -> !granted.contains(permission)).toList());
            };
            return SearchBusinessService.askingEachBusiness(store, new Authorization(iam));
        }

        @Test
        void givenViewingOfThreeBusinessesGranted_whenAMaintainerOfAllSearches_thenOnlyThoseThreeAreFoundAndPaged() {
            SearchBusinessService service = grantingAliceViewing(7, 250, 449);
            BusinessQuery twoAPage = new BusinessQuery(BusinessCondition.NONE, null,
                    new PageRequest(0, 2, "bk_biz_id", false));

            Page<Business> page = join(service.searchBusinesses(ALICE, twoAPage));

            assertThat(page.count()).isEqualTo(3);
            assertThat(page.info()).extracting(business -> business.id().value()).containsExactly(7L, 250L);
            assertThat(iamAsked).hasSize(2);
            assertThat(iamAsked.get(1)).hasSize(450).startsWith(viewing(1), viewing(2)).endsWith(viewing(450));
        }

        @Test
        void givenNoViewingGranted_whenAMaintainerOfAllSearches_thenNothingIsFound() {
            Page<Business> page = join(grantingAliceViewing().searchBusinesses(ALICE, query));

            assertThat(page).isEqualTo(new Page<Business>(0, List.of()));
        }

        @Test
        void givenViewingEverywhereGranted_whenSearching_thenTheQueryIsTheCallersAndNoBusinessIsAskedAbout() {
            Page<Business> page = join(grantingAliceViewing().searchBusinesses(ADMIN, query));

            assertThat(page.count()).isEqualTo(450);
            assertThat(store.queries).containsExactly(query);
            assertThat(iamAsked).hasSize(1);
        }

        @Test
        void givenNoBusinessMatching_whenSearching_thenTheAuthorizerIsNotAskedAboutAny() {
            BusinessQuery none = new BusinessQuery(BusinessCondition.NONE.andIdIn(List.of(1_000L)), null,
                    new PageRequest(0, 20, "bk_biz_id", false));

            Page<Business> page = join(grantingAliceViewing(7).searchBusinesses(ALICE, none));

            assertThat(page.count()).isZero();
            assertThat(iamAsked).hasSize(1);
        }
    }

    private static Permission viewing(long business) {
        return Permission.onBusiness(Action.FIND_BUSINESS, BusinessId.of(business));
    }

    /** Businesses 1 to n, each maintained by alice, found by their ids' terms and paged by id; the rest ignored. */
    private static final class Businesses implements SearchBusinessesPort {

        private final List<Business> all = new ArrayList<>();
        private final List<BusinessQuery> queries = new ArrayList<>();

        Businesses(int n) {
            for (long id = 1; id <= n; id++) {
                all.add(new Business(BusinessId.of(id), Map.of(Business.MAINTAINER, "alice")));
            }
        }

        @Override
        public CompletableFuture<Page<Business>> searchBusinesses(BusinessQuery query) {
            queries.add(query);
            List<Business> matched = all.stream().filter(business -> query.condition().terms().stream()
                    .filter(BusinessCondition.IdIn.class::isInstance).map(BusinessCondition.IdIn.class::cast)
                    .allMatch(term -> term.ids().contains(business.id().value()))).toList();
            int from = Math.min(query.page().start(), matched.size());
            return CompletableFuture.completedFuture(new Page<>(matched.size(),
                    matched.subList(from, Math.min(from + query.page().limit(), matched.size()))));
        }
    }
}
