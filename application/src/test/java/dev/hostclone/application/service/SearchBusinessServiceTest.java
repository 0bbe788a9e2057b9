package dev.hostclone.application.service;

import static dev.hostclone.application.service.Fixtures.ADMIN;
import static dev.hostclone.application.service.Fixtures.ALICE;
import static dev.hostclone.application.service.Fixtures.join;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.query.BusinessQuery;
import dev.hostclone.domain.query.Page;
import dev.hostclone.domain.query.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SearchBusinessServiceTest {

    private final List<BusinessQuery> asked = new ArrayList<>();
    private final SearchBusinessService service = new SearchBusinessService(query -> {
        asked.add(query);
        return CompletableFuture.completedStage(new Page<Business>(0, List.of()));
    }, Fixtures.authorization());

    private final BusinessQuery query = new BusinessQuery(Map.of("life_cycle", "2"), null,
            new PageRequest(0, 20, "bk_biz_id", false));

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
