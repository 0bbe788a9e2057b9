package dev.hostclone.adapter.persistence;

import static dev.hostclone.adapter.persistence.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.application.port.out.CreateBusinessPort;
import dev.hostclone.application.port.out.SearchBusinessesPort;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.query.BusinessCondition;
import dev.hostclone.domain.query.BusinessQuery;
import dev.hostclone.domain.query.Page;
import dev.hostclone.domain.query.PageRequest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * search_business, in every store: the condition as BlueKing matches it ({@link BusinessCondition}: users
 * listed exactly, other texts found anywhere ignoring case, ids among those given, anything else equal,
 * numbers by value, lists and maps whole, as jsonb compares them, null for absent), the maintainer
 * filter, the count of every match, pages in either order of id or name.
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
    default void givenUserLists_whenTheConditionNamesUsers_thenEachIsListedExactlyAndAllAreRequired() {
        business("pay", "alice,bob", Map.of("operator", "carol"));
        business("shop", "malice,alice2", Map.of());
        business("blog", "bob", Map.of("operator", "alice"));
        business("wiki", "ali", Map.of("bk_biz_tester", ""));

        assertThat(names(search(Map.of(Business.MAINTAINER, "alice"), null))).as("not inside another name")
                .containsExactly("pay");
        assertThat(names(search(Map.of(Business.MAINTAINER, "ali"), null))).as("not a prefix").containsExactly("wiki");
        assertThat(names(search(Map.of(Business.MAINTAINER, "bob,alice"), null))).as("both").containsExactly("pay");
        assertThat(names(search(Map.of(Business.MAINTAINER, ",,bob,"), null))).as("commas at the ends")
                .containsExactly("pay", "blog");
        assertThat(names(search(Map.of(Business.MAINTAINER, "alice,carol"), null))).isEmpty();
        assertThat(names(search(Map.of(Business.MAINTAINER, "Alice"), null))).as("case counts").isEmpty();
        assertThat(names(search(Map.of("operator", "alice"), null))).as("another user field").containsExactly("blog");
        assertThat(names(search(Map.of("bk_biz_tester", ","), null))).as("nobody: an empty list").containsExactly("wiki");
        assertThat(names(search(Map.of(Business.MAINTAINER, "a.i"), null))).as("a name, not a pattern").isEmpty();
    }

    @Test
    default void givenTexts_whenTheConditionHoldsAText_thenFoundAnywhereIgnoringCaseAndTakenLiterally() {
        business("Pay-Gateway", "alice", Map.of("tier", 1L));
        business("gateway_2", "alice", Map.of());
        business("100% up", "alice", Map.of());
        business("a.b*c\\d", "alice", Map.of());
        business("\u00C4PFEL-Zone", "alice", Map.of());
        business("\u039F\u0394\u039F\u03A3", "alice", Map.of());

        assertThat(names(search(Map.of(Business.NAME, "gateway"), null))).containsExactly("Pay-Gateway", "gateway_2");
        assertThat(names(search(Map.of(Business.NAME, "Y-g"), null))).containsExactly("Pay-Gateway");
        assertThat(names(search(Map.of(Business.NAME, "%"), null))).containsExactly("100% up");
        assertThat(names(search(Map.of(Business.NAME, "_"), null))).containsExactly("gateway_2");
        assertThat(names(search(Map.of(Business.NAME, "."), null))).containsExactly("a.b*c\\d");
        assertThat(names(search(Map.of(Business.NAME, "*"), null))).containsExactly("a.b*c\\d");
        assertThat(names(search(Map.of(Business.NAME, "\\"), null))).containsExactly("a.b*c\\d");
        assertThat(names(search(Map.of(Business.NAME, "P%y"), null))).isEmpty();
        assertThat(names(search(Map.of(Business.NAME, "a_b"), null))).isEmpty();
        assertThat(names(search(Map.of(Business.NAME, "\u00E4pfel"), null))).as("beyond ASCII").containsExactly("\u00C4PFEL-Zone");
        assertThat(names(search(Map.of(Business.NAME, "\u03C3"), null))).as("a final sigma folds as any other")
                .containsExactly("\u039F\u0394\u039F\u03A3");
        assertThat(names(search(Map.of(Business.NAME, "\u03C2"), null))).as("to \u03C3, not \u03C2").isEmpty();
        assertThat(names(search(Map.of("tier", "1"), null))).as("a number is no text").isEmpty();
    }

    @Test
    default void givenIds_whenTheConditionListsSome_thenOnlyThoseAndEveryListIsRequired() {
        createBusinesses();
        List<Long> ids = await(store().searchBusinesses(new BusinessQuery(Map.of(), null,
                new PageRequest(0, BusinessQuery.MAX_LIMIT, Business.ID, false)))).info().stream()
                .map(business -> business.id().value()).toList();

        assertThat(names(search(BusinessCondition.NONE.andIdIn(List.of(ids.get(0), ids.get(2), 999L)))))
                .containsExactly("alpha", "gamma");
        assertThat(names(search(BusinessCondition.NONE.andIdIn(List.of(ids.get(0), ids.get(2))).andIdIn(List.of(ids.get(2))))))
                .as("$eq and $in together").containsExactly("gamma");
        assertThat(names(search(BusinessCondition.of(Map.of("life_cycle", "2")).andIdIn(List.of(ids.get(1), ids.get(2))))))
                .containsExactly("gamma");
        assertThat(names(search(BusinessCondition.NONE.andIdIn(List.of())))).as("an empty $in").isEmpty();
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

    /**
     * By the instant the time names, not its text: {@code …:06Z} is {@code …:06.000Z}, before {@code …:06.789Z},
     * though its text sorts after it; ties by id, in the same direction.
     */
    @Test
    default void givenCreationTimesWithinASecondAndApart_whenSortedByEither_thenInTimeOrderTiesById() {
        business("late", "alice", Map.of(HostFields.CREATE_TIME, "2026-02-03T04:05:07Z", HostFields.LAST_TIME,
                "2026-02-03T04:05:07Z"));
        business("fraction", "alice", Map.of(HostFields.CREATE_TIME, "2026-02-03T04:05:06.789Z",
                HostFields.LAST_TIME, "2026-02-03T04:05:06.789Z"));
        business("whole", "alice", Map.of(HostFields.CREATE_TIME, "2026-02-03T04:05:06Z", HostFields.LAST_TIME,
                "2026-02-03T04:05:06Z"));
        business("twin", "alice", Map.of(HostFields.CREATE_TIME, "2026-02-03T04:05:06Z", HostFields.LAST_TIME,
                "2026-02-03T04:05:06Z"));

        assertThat(names(page(0, 10, HostFields.CREATE_TIME, false))).containsExactly("whole", "twin", "fraction", "late");
        assertThat(names(page(0, 10, HostFields.LAST_TIME, true))).containsExactly("late", "fraction", "twin", "whole");
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

    private Page<Business> search(BusinessCondition condition) {
        return await(store().searchBusinesses(new BusinessQuery(condition, null,
                new PageRequest(0, BusinessQuery.MAX_LIMIT, Business.ID, false))));
    }

    private Page<Business> page(int start, int limit, String sort, boolean descending) {
        return await(store().searchBusinesses(new BusinessQuery(Map.of(), null, new PageRequest(start, limit, sort, descending))));
    }

    private static List<String> names(Page<Business> page) {
        return page.info().stream().map(Business::name).toList();
    }
}
