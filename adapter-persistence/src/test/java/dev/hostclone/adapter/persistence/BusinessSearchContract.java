package dev.hostclone.adapter.persistence;

import static dev.hostclone.adapter.persistence.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.application.port.out.CreateBusinessPort;
import dev.hostclone.application.port.out.SearchBusinessesPort;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.query.BusinessQuery;
import dev.hostclone.domain.query.Page;
import dev.hostclone.domain.query.PageRequest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * search_business, in every store: equality on properties (numbers by value, lists and maps whole,
 * as jsonb compares them, null for absent), the maintainer filter, the count of every match, pages in
 * either order of id or name.
 */
public interface BusinessSearchContract<S extends CreateBusinessPort & SearchBusinessesPort> {

    S store();

    /** Four businesses, in this order of id. */
    private void createBusinesses() {
        business("alpha", "alice,bob", Map.of("life_cycle", "2", "tier", 1L));
        business("Beta", " carol , alice ", Map.of("life_cycle", "1"));
        business("gamma", "bobby", Map.of("life_cycle", "2", "tier", 1.0));
        business("delta", "dave", Map.of());
    }

    @Test
    default void givenBusinesses_whenSearchingByEquality_thenOnlyTheMatchesAreCountedAndListed() {
        createBusinesses();

        long betaId = search(Map.of(Business.NAME, "Beta"), null).info().get(0).id().value();
        Map<String, Object> absent = new HashMap<>();
        absent.put("life_cycle", null);

        assertThat(names(search(Map.of("life_cycle", "2"), null))).containsExactly("alpha", "gamma");
        assertThat(names(search(Map.of("tier", 1L), null))).as("1 equals 1.0").containsExactly("alpha", "gamma");
        assertThat(names(search(Map.of(Business.ID, betaId), null))).containsExactly("Beta");
        assertThat(names(search(absent, null))).as("null matches an absent property").containsExactly("delta");
        assertThat(names(search(Map.of("life_cycle", "2", Business.NAME, "gamma"), null))).containsExactly("gamma");
        assertThat(search(Map.of("life_cycle", "3"), null)).isEqualTo(new Page<Business>(0, List.of()));
        assertThat(search(Map.of(), null).count()).isEqualTo(4);
    }

    @Test
    default void givenMaintainerLists_whenSearchingForAMaintainer_thenOnlyBusinessesListingThatUser() {
        createBusinesses();

        assertThat(names(search(Map.of(), "alice"))).as("names are trimmed").containsExactly("alpha", "Beta");
        assertThat(names(search(Map.of(), "bob"))).as("whole names only").containsExactly("alpha");
        assertThat(names(search(Map.of(), "ali"))).isEmpty();
        assertThat(names(search(Map.of("life_cycle", "2"), "alice"))).containsExactly("alpha");
    }

    @Test
    default void givenManyMatches_whenPaging_thenTheCountIsEveryMatchAndPagesFollowTheSort() {
        createBusinesses();

        assertThat(names(page(0, 10, Business.NAME, false))).as("code-point order").containsExactly("Beta", "alpha", "delta", "gamma");
        assertThat(names(page(0, 10, Business.NAME, true))).containsExactly("gamma", "delta", "alpha", "Beta");
        assertThat(names(page(0, 10, Business.ID, false))).containsExactly("alpha", "Beta", "gamma", "delta");
        Page<Business> middle = page(1, 2, Business.ID, true);
        assertThat(middle.count()).isEqualTo(4);
        assertThat(names(middle)).containsExactly("gamma", "Beta");
        assertThat(page(4, 2, Business.ID, false)).isEqualTo(new Page<Business>(4, List.of()));
    }

    /** UTF-16's order would put the two past U+FFFF first; PostgreSQL's byte order does not. */
    @Test
    default void givenNamesPastUFFFFAndBelowIt_whenSortedByName_thenInCodePointOrder() {
        business("\uFF08\u6D4B\u8BD5\uFF09", "alice", Map.of());
        business("\uD83D\uDE00team", "alice", Map.of());
        business("\uD840\uDC00\u4E1A\u52A1", "alice", Map.of());
        business("plain", "alice", Map.of());

        assertThat(names(page(0, 10, Business.NAME, false)))
                .containsExactly("plain", "\uFF08\u6D4B\u8BD5\uFF09", "\uD83D\uDE00team", "\uD840\uDC00\u4E1A\u52A1");
    }

    /** The query says which fields sort, and refuses any other; a store without an order for one fails the search. */
    @Test
    default void givenEachFieldTheQuerySorts_whenSearchingBusinessesByIt_thenTheStoreHasAnOrderForIt() {
        createBusinesses();

        for (String field : BusinessQuery.SORTABLE) {
            assertThat(page(0, 10, field, true).count()).as(field).isEqualTo(4);
        }
    }

    @Test
    default void givenListAndMapProperties_whenSearchingByEquality_thenTheyMatchWholeAsJsonbComparesThem() {
        business("pair", "alice", Map.of("zones", List.of("gz", 1L), "owner", Map.of("team", "ops", "size", 3L)));
        business("triple", "alice", Map.of("zones", List.of("gz", 1L, "sh"), "owner", Map.of("team", "ops", "size", 3L, "site", "gz")));
        business("swapped", "alice", Map.of("zones", List.of(1L, "gz"), "owner", Map.of("team", "dev", "size", 3L)));

        assertThat(names(search(Map.of("zones", List.of("gz", 1.0)), null))).as("numbers inside by value").containsExactly("pair");
        assertThat(names(search(Map.of("zones", List.of(1L, "gz")), null))).as("in order").containsExactly("swapped");
        assertThat(names(search(Map.of("zones", List.of("gz", 1L, "sh")), null))).as("every element").containsExactly("triple");
        assertThat(names(search(Map.of("zones", List.of("gz")), null))).as("not containment").isEmpty();
        assertThat(names(search(Map.of("zones", "gz"), null))).as("a list is not its element").isEmpty();
        assertThat(names(search(Map.of("owner", Map.of("size", 3.0, "team", "ops")), null)))
                .as("keys in any order, numbers by value").containsExactly("pair");
        assertThat(names(search(Map.of("owner", Map.of("team", "ops")), null))).as("a key fewer").isEmpty();
        assertThat(names(search(Map.of("owner", Map.of("team", "ops", "size", 4L)), null))).isEmpty();
        assertThat(names(search(Map.of("owner", Map.of("team", "ops", "size", 3L, "rack", "gz")), null)))
                .as("a key of another name").isEmpty();
    }

    private void business(String name, String maintainers, Map<String, Object> others) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(Business.NAME, name);
        properties.put(Business.MAINTAINER, maintainers);
        properties.putAll(others);
        await(store().createBusiness(properties));
    }

    private Page<Business> search(Map<String, Object> condition, String maintainer) {
        return await(store().searchBusinesses(new BusinessQuery(condition, maintainer,
                new PageRequest(0, BusinessQuery.MAX_LIMIT, Business.ID, false))));
    }

    private Page<Business> page(int start, int limit, String sort, boolean descending) {
        return await(store().searchBusinesses(new BusinessQuery(Map.of(), null, new PageRequest(start, limit, sort, descending))));
    }

    private static List<String> names(Page<Business> page) {
        return page.info().stream().map(Business::name).toList();
    }
}
