package dev.hostclone.adapter.persistence;

import static dev.hostclone.adapter.persistence.Stages.await;
import static dev.hostclone.adapter.persistence.Stages.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.application.port.out.CreateCloudAreaPort;
import dev.hostclone.application.port.out.LoadCloudAreasPort;
import dev.hostclone.application.port.out.SearchCloudAreasPort;
import dev.hostclone.domain.cloud.CloudArea;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.query.CloudAreaQuery;
import dev.hostclone.domain.query.Page;
import dev.hostclone.domain.query.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * create_cloud_area and search_cloud_area, in every store: ids from 2 (1 is reserved, as in BlueKing), unique names, properties kept,
 * equality or case-insensitive substring conditions, area 0 always among the results.
 */
public interface CloudAreaContract<S extends LoadCloudAreasPort & CreateCloudAreaPort & SearchCloudAreasPort> {

    S store();

    @Test
    default void givenNewCloudAreas_whenCreated_thenIdsGrowFromTwoAndEverythingComesBack() {
        Instant when = HostBuilder.now();
        CloudArea first = await(store().createCloudArea(area("aws-prod", when, Map.of("bk_cloud_vendor", "2", "bk_region", "ap-guangzhou"))));
        CloudArea second = await(store().createCloudArea(area("azure", when, Map.of())));

        // 1 is BlueKing's reserved "direct connecting area"
        assertThat(first.id()).isEqualTo(CloudAreaId.of(2));
        assertThat(second.id()).isEqualTo(CloudAreaId.of(3));
        assertThat(first).isEqualTo(new CloudArea(first.id(), "aws-prod", "admin", when,
                Map.of("bk_cloud_vendor", "2", "bk_region", "ap-guangzhou")));
        assertThat(await(store().loadCloudAreas(List.of(CloudAreaId.RESERVED, first.id(), second.id(), CloudAreaId.of(4)))))
                .containsExactlyInAnyOrder(first, second);
    }

    @Test
    default void givenTakenName_whenCreatingAnAreaWithIt_thenDuplicatedAndNothingStored() {
        await(store().createCloudArea(area("aws-prod", HostBuilder.now(), Map.of())));

        Failure twice = rejection(store().createCloudArea(area("aws-prod", HostBuilder.now(), Map.of("bk_region", "x"))));
        Failure builtIn = rejection(store().createCloudArea(area(CloudArea.DEFAULT_NAME, HostBuilder.now(), Map.of())));

        assertThat(twice).isEqualTo(new Failure.Duplicated(List.of(CloudArea.NAME), List.of("aws-prod")));
        assertThat(builtIn).isEqualTo(new Failure.Duplicated(List.of(CloudArea.NAME), List.of(CloudArea.DEFAULT_NAME)));
        assertThat(search(Map.of(), false).count()).isEqualTo(2);
    }

    @Test
    default void givenAreas_whenSearchingByEquality_thenIdNameAndPropertiesMatchExactly() {
        createAreas();

        assertThat(names(search(Map.of(), false))).as("newest first by default, area 0 included")
                .containsExactly("azure", "AWS-test", "aws-prod", CloudArea.DEFAULT_NAME);
        assertThat(names(search(Map.of(CloudArea.ID, 0L), false))).containsExactly(CloudArea.DEFAULT_NAME);
        assertThat(names(search(Map.of(CloudArea.ID, 3L), false))).containsExactly("AWS-test");
        assertThat(names(search(Map.of(CloudArea.NAME, "aws-prod"), false))).containsExactly("aws-prod");
        assertThat(names(search(Map.of(CloudArea.NAME, "aws"), false))).isEmpty();
        assertThat(names(search(Map.of("bk_cloud_vendor", "2"), false))).containsExactly("AWS-test", "aws-prod");
        assertThat(names(search(Map.of("bk_cloud_vendor", "2", CloudArea.NAME, "AWS-test"), false))).containsExactly("AWS-test");
    }

    /** The creator, the last editor and {@code default} are answered with every area, and found as answered. */
    @Test
    default void givenAreasOfTwoCreators_whenSearchingByCreatorOrBuiltIn_thenTheyMatchAsAnswered() {
        createAreas();
        await(store().createCloudArea(new CloudArea(CloudAreaId.of(99), "alices", "alice",
                HostBuilder.now().plus(Duration.ofMinutes(5)), Map.of())));

        assertThat(names(search(Map.of(CloudArea.CREATOR, "alice"), false))).containsExactly("alices");
        assertThat(names(search(Map.of(CloudArea.LAST_EDITOR, "alice"), false))).containsExactly("alices");
        assertThat(names(search(Map.of(CloudArea.CREATOR, "ALI"), true))).containsExactly("alices");
        assertThat(names(search(Map.of(CloudArea.BUILT_IN, 1L), false))).containsExactly(CloudArea.DEFAULT_NAME);
        assertThat(names(search(Map.of(CloudArea.BUILT_IN, 0L), false)))
                .containsExactly("alices", "azure", "AWS-test", "aws-prod");
    }

    @Test
    default void givenAreasLeavingPropertiesUnset_whenSearchingForTheUnsetValue_thenTheyMatchAsBlueKingStoresIt() {
        createAreas();
        Map<String, Object> nullVpc = new HashMap<>();
        nullVpc.put("bk_vpc_id", null);
        await(store().createCloudArea(area("vpc-null", HostBuilder.now().plus(Duration.ofMinutes(5)), nullVpc)));

        assertThat(names(search(Map.of("bk_region", ""), false))).as("never set: \"\", area 0 included")
                .containsExactly("vpc-null", "azure", "AWS-test", CloudArea.DEFAULT_NAME);
        assertThat(names(search(Map.of("bk_vpc_id", ""), false))).as("set to null: \"\" too")
                .containsExactly("vpc-null", "azure", "AWS-test", "aws-prod", CloudArea.DEFAULT_NAME);
        assertThat(names(search(Map.of(CloudArea.ACCOUNT_ID, 0L), false))).as("the integer's unset value is 0")
                .containsExactly("vpc-null", "azure", "AWS-test", "aws-prod", CloudArea.DEFAULT_NAME);
        assertThat(names(search(Map.of("bk_region", "ap-guangzhou", "bk_vpc_name", ""), false)))
                .as("a set value still wins over the unset one").containsExactly("aws-prod");
        assertThat(names(search(Map.of(CloudArea.ACCOUNT_ID, 0), false))).as("an Integer, as JSON's 0 is read")
                .hasSize(5);
        Map<String, Object> nullRegion = new HashMap<>();
        nullRegion.put("bk_region", null);
        assertThat(names(search(nullRegion, false))).as("null finds none: an unset property is \"\", as BlueKing's")
                .isEmpty();
    }

    @Test
    default void givenAreas_whenSearchingFuzzily_thenStringsMatchAnywhereIgnoringCase() {
        createAreas();

        assertThat(names(search(Map.of(CloudArea.NAME, "aws"), true))).containsExactly("AWS-test", "aws-prod");
        assertThat(names(search(Map.of(CloudArea.NAME, "AWS", "bk_cloud_vendor", "2"), true))).containsExactly("AWS-test", "aws-prod");
        assertThat(names(search(Map.of("bk_region", "GUANGZHOU"), true))).containsExactly("aws-prod");
        assertThat(names(search(Map.of(CloudArea.NAME, "area"), true))).containsExactly(CloudArea.DEFAULT_NAME);
        assertThat(names(search(Map.of(CloudArea.NAME, "%"), true))).as("LIKE's wildcards are themselves").isEmpty();
        assertThat(names(search(Map.of(CloudArea.NAME, "a_s"), true))).as("LIKE's wildcards are themselves").isEmpty();
        assertThat(names(search(Map.of(CloudArea.ID, 4L), true))).as("numbers still by equality").containsExactly("azure");
        assertThat(names(search(Map.of("bk_cloud_vendor", "9"), true))).isEmpty();
    }

    /** Each letter folds to its simple lower case, as PostgreSQL's lower() under C.UTF-8: a final Σ is σ, İ is i. */
    @Test
    default void givenAGreekNameAndATurkishProperty_whenSearchingFuzzily_thenEachLetterFoldsToItsSimpleLowerCase() {
        await(store().createCloudArea(area("ΟΔΟΣ", HostBuilder.now(), Map.of("bk_region", "İSTANBUL"))));

        assertThat(names(search(Map.of(CloudArea.NAME, "οδοσ"), true))).containsExactly("ΟΔΟΣ");
        assertThat(names(search(Map.of(CloudArea.NAME, "σ"), true))).containsExactly("ΟΔΟΣ");
        assertThat(names(search(Map.of(CloudArea.NAME, "ς"), true))).as("the final Σ folds to σ, not ς").isEmpty();
        assertThat(names(search(Map.of("bk_region", "ist"), true))).containsExactly("ΟΔΟΣ");
        assertThat(names(search(Map.of("bk_region", "İs"), true))).containsExactly("ΟΔΟΣ");
    }

    @Test
    default void givenAreas_whenPaging_thenTheCountIsEveryMatchAndPagesFollowTheSort() {
        createAreas();

        assertThat(names(page(0, 10, CloudArea.NAME, false))).as("code-point order")
                .containsExactly("AWS-test", CloudArea.DEFAULT_NAME, "aws-prod", "azure");
        assertThat(names(page(0, 10, "create_time", false))).containsExactly(CloudArea.DEFAULT_NAME, "aws-prod", "AWS-test", "azure");
        Page<CloudArea> middle = page(1, 2, CloudArea.ID, true);
        assertThat(middle.count()).isEqualTo(4);
        assertThat(middle.info()).extracting(CloudArea::id).containsExactly(CloudAreaId.of(3), CloudAreaId.of(2));
        assertThat(page(7, 2, CloudArea.ID, false)).isEqualTo(new Page<CloudArea>(4, List.of()));
    }

    /** The query says which fields sort, and refuses any other; a store without an order for one fails the search. */
    @Test
    default void givenEachFieldTheQuerySorts_whenSearchingAreasByIt_thenTheStoreHasAnOrderForIt() {
        createAreas();

        for (String field : CloudAreaQuery.SORTABLE) {
            assertThat(page(0, 10, field, true).count()).as(field).isEqualTo(4);
        }
    }

    @Test
    default void givenAreasCreatedAtOneInstant_whenSortedByCreateTime_thenTiesGoByIdInTheSameDirection() {
        Instant same = HostBuilder.now().plus(Duration.ofMinutes(1));
        for (String name : List.of("first", "second", "third")) {
            await(store().createCloudArea(area(name, same, Map.of())));
        }

        assertThat(names(page(0, 10, "create_time", false))).containsExactly(CloudArea.DEFAULT_NAME, "first", "second", "third");
        assertThat(names(page(0, 10, "create_time", true))).containsExactly("third", "second", "first", CloudArea.DEFAULT_NAME);
    }

    /** Three areas created after area 0, a minute apart: aws-prod (2), AWS-test (3), azure (4); 1 is reserved. */
    private void createAreas() {
        Instant first = HostBuilder.now().plus(Duration.ofMinutes(1));
        await(store().createCloudArea(area("aws-prod", first, Map.of("bk_cloud_vendor", "2", "bk_region", "ap-guangzhou"))));
        await(store().createCloudArea(area("AWS-test", first.plus(Duration.ofMinutes(1)), Map.of("bk_cloud_vendor", "2"))));
        await(store().createCloudArea(area("azure", first.plus(Duration.ofMinutes(2)), Map.of("bk_cloud_vendor", "3"))));
    }

    private Page<CloudArea> search(Map<String, Object> condition, boolean fuzzy) {
        return await(store().searchCloudAreas(new CloudAreaQuery(condition, fuzzy,
                new PageRequest(0, CloudAreaQuery.MAX_LIMIT, "create_time", true))));
    }

    private Page<CloudArea> page(int start, int limit, String sort, boolean descending) {
        return await(store().searchCloudAreas(new CloudAreaQuery(Map.of(), false, new PageRequest(start, limit, sort, descending))));
    }

    private static CloudArea area(String name, Instant createdAt, Map<String, Object> properties) {
        return new CloudArea(CloudAreaId.of(99), name, "admin", createdAt, properties);
    }

    private static List<String> names(Page<CloudArea> page) {
        return page.info().stream().map(CloudArea::name).toList();
    }
}
