package dev.hostclone.domain.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each search query refuses, as it is made, a page it cannot answer, so that no use case or store sees one. */
class QueryPagesTest {

    /** A search query, made on a given page. */
    private record Search(String name, Set<String> sortable, int maxLimit, Function<PageRequest, ?> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Search> searches() {
        return Stream.of(
                new Search("BusinessQuery", BusinessQuery.SORTABLE, 200, page -> new BusinessQuery(Map.of(), null, page)),
                new Search("CloudAreaQuery", CloudAreaQuery.SORTABLE, 1000,
                        page -> new CloudAreaQuery(Map.of(), false, page)),
                new Search("AuditQuery", AuditQuery.SORTABLE, 200,
                        page -> new AuditQuery(Instant.EPOCH, null, null, null, null, Set.of(), null, page)));
    }

    @ParameterizedTest
    @MethodSource("searches")
    void givenEachFieldTheQuerySortsBy_whenMakingIt_thenMade(Search search) {
        for (String field : search.sortable()) {
            assertThat(search.make().apply(new PageRequest(0, 10, field, true))).as(field).isNotNull();
        }
    }

    @ParameterizedTest
    @MethodSource("searches")
    void givenAFieldTheQueryDoesNotSortBy_whenMakingIt_thenSortIsRefused(Search search) {
        assertThatThrownBy(() -> search.make().apply(new PageRequest(0, 10, "bk_comment", true)))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.failure())
                        .isEqualTo(new Failure.InvalidValue("sort", InvalidReason.NOT_ALLOWED, "-bk_comment")));
    }

    /** The sort is named before the limit, as the HTTP paging did when it checked both. */
    @ParameterizedTest
    @MethodSource("searches")
    void givenAFieldTheQueryDoesNotSortByAndALimitOverItsMaximum_whenMakingIt_thenSortIsRefused(Search search) {
        assertThatThrownBy(() -> search.make().apply(new PageRequest(0, search.maxLimit() + 1, "bk_comment", false)))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.failure())
                        .isEqualTo(new Failure.InvalidValue("sort", InvalidReason.NOT_ALLOWED, "bk_comment")));
    }

    @ParameterizedTest
    @MethodSource("searches")
    void givenALimitAtTheQuerysMaximum_whenMakingIt_thenMade(Search search) {
        assertThat(search.make().apply(new PageRequest(0, search.maxLimit(), firstSortable(search), false))).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("searches")
    void givenALimitOverTheQuerysMaximum_whenMakingIt_thenThePageLimitIsExceeded(Search search) {
        assertThatThrownBy(() -> search.make().apply(new PageRequest(0, search.maxLimit() + 1, firstSortable(search), false)))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.failure())
                        .isEqualTo(new Failure.PageLimitExceeded(search.maxLimit())));
    }

    private static String firstSortable(Search search) {
        return search.sortable().iterator().next();
    }
}
