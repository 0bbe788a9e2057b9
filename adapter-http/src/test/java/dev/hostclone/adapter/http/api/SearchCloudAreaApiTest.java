package dev.hostclone.adapter.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.ServerTest;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.OrderedMap;
import dev.hostclone.domain.cloud.CloudArea;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.query.CloudAreaQuery;
import dev.hostclone.domain.query.Page;
import dev.hostclone.domain.query.PageRequest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SearchCloudAreaApiTest extends ServerTest {

    private static final String API = "search_cloud_area";

    @BeforeEach
    void theDefaultAreaAndOneOfAws() {
        server.searchCloudArea.succeedWith(new Page<>(2, List.of(
                new CloudArea(CloudAreaId.DEFAULT, CloudArea.DEFAULT_NAME, "", Instant.parse("2026-01-01T00:00:00Z")),
                new CloudArea(CloudAreaId.of(5), "aws-tokyo", "alice", Instant.parse("2026-02-03T04:05:06.789Z"),
                        OrderedMap.of("bk_cloud_vendor", "1", "bk_region", "ap-northeast-1", "bk_account_id", 7L)))));
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenNoParameters_whenSearchingThroughEitherDoor_thenEveryAreaInBlueKingsShapeNewestFirst(Door door) {
        ApiResponse response = client().call(door, API, "{}");

        assertData(response, "{\"count\":2,\"info\":["
                + "{\"bk_cloud_id\":0,\"bk_cloud_name\":\"Default Area\",\"bk_supplier_account\":\"0\",\"default\":1,"
                + "\"bk_creator\":\"\",\"bk_last_editor\":\"\",\"create_time\":\"2026-01-01T00:00:00Z\","
                + "\"last_time\":\"2026-01-01T00:00:00Z\",\"bk_status\":\"\",\"bk_cloud_vendor\":\"\",\"bk_region\":\"\","
                + "\"bk_vpc_id\":\"\",\"bk_vpc_name\":\"\",\"bk_account_id\":0},"
                + "{\"bk_cloud_id\":5,\"bk_cloud_name\":\"aws-tokyo\",\"bk_supplier_account\":\"0\",\"default\":0,"
                + "\"bk_creator\":\"alice\",\"bk_last_editor\":\"alice\",\"create_time\":\"2026-02-03T04:05:06.789Z\","
                + "\"last_time\":\"2026-02-03T04:05:06.789Z\",\"bk_cloud_vendor\":\"1\",\"bk_region\":\"ap-northeast-1\","
                + "\"bk_account_id\":7,\"bk_status\":\"\",\"bk_vpc_id\":\"\",\"bk_vpc_name\":\"\"}]}");
        CloudAreaQuery query = server.searchCloudArea.onlyCall().input();
        assertThat(query.condition()).isEmpty();
        assertThat(query.fuzzy()).isFalse();
        assertThat(query.page()).isEqualTo(new PageRequest(0, 1000, "create_time", true));
    }

    /** A field stored as JSON's null (sent as {@code "bk_region":null}) is answered {@code ""}, as one never set. */
    @Test
    void givenAFieldStoredAsNull_whenSearching_thenItIsAnsweredAsOneNeverSet() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("bk_region", null);
        server.searchCloudArea.succeedWith(new Page<>(1, List.of(
                new CloudArea(CloudAreaId.of(6), "edge", "alice", Instant.parse("2026-01-01T00:00:00Z"), properties))));

        ApiResponse response = client().esb(API, "{}");

        assertThat(response.data().get("info").get(0).get("bk_region").asText()).isEmpty();
        assertThat(response.data().get("info").get(0).get("bk_region").isTextual()).isTrue();
    }

    @Test
    void givenConditionFuzzyFieldsAndPage_whenSearching_thenTheQueryHoldsThemAndInfoIsProjected() {
        ApiResponse response = client().esb(API, "{\"condition\":{\"bk_cloud_name\":\"aws\",\"bk_cloud_id\":5},"
                + "\"is_fuzzy\":true,\"fields\":[\"bk_cloud_id\",\"bk_cloud_name\"],"
                + "\"page\":{\"start\":0,\"limit\":10,\"sort\":\"bk_cloud_id\"},\"sync_task_ids\":false}");

        assertData(response, "{\"count\":2,\"info\":[{\"bk_cloud_id\":0,\"bk_cloud_name\":\"Default Area\"},"
                + "{\"bk_cloud_id\":5,\"bk_cloud_name\":\"aws-tokyo\"}]}");
        CloudAreaQuery query = server.searchCloudArea.onlyCall().input();
        assertThat(query.condition()).isEqualTo(Map.of("bk_cloud_name", "aws", "bk_cloud_id", 5L));
        assertThat(query.fuzzy()).isTrue();
        assertThat(query.page()).isEqualTo(new PageRequest(0, 10, "bk_cloud_id", false));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"condition\":\"aws\"}|'condition' must be an object",
            "{\"condition\":{\"bk_cloud_id\":\"5\"}}|'condition.bk_cloud_id' must be an integer",
            "{\"condition\":{\"bk_cloud_name\":[\"aws\"]}}|'condition.bk_cloud_name' must be a string",
            "{\"is_fuzzy\":\"true\"}|'is_fuzzy' must be a boolean",
            "{\"is_fuzzy\":1}|'is_fuzzy' must be a boolean",
            "{\"fields\":{}}|'fields' must be an array",
            "{\"page\":{\"limit\":10.0}}|'page.limit' must be an integer"})
    void givenFieldOfTheWrongJsonType_whenSearching_then1199000NamingIt(String body, String expected) {
        ApiResponse response = inEnglish().v3(API, body);

        assertRefused(response, 1199000, "Deserializing JSON data failed: field " + expected);
        assertThat(server.searchCloudArea.calls()).isEmpty();
    }

    /**
     * A field no area is searched by (its supplier account, its times) or a misspelt one is refused naming it, as
     * search_business and list_operation_audit refuse theirs: until 2026-12-07 it found nothing, without a word.
     */
    @ParameterizedTest
    @ValueSource(strings = {"bk_cloud_nmae", "bk_supplier_account", "create_time", "last_time"})
    void givenAConditionOnAFieldNotServed_whenSearching_then1199006NamingItAndNoUseCaseIsCalled(String field) {
        ApiResponse response = inEnglish().esb(API, "{\"condition\":{\"bk_cloud_id\":0,\"" + field + "\":\"x\"}}");

        assertRefused(response, 1199006, "'condition." + field + "' data parameter verification does not pass:"
                + " HostClone does not serve this condition");
        assertThat(server.searchCloudArea.calls()).isEmpty();
    }

    /** An operator object equals no stored value: it found nothing, without a word, until 2026-12-07. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"bk_creator\":{\"$in\":[\"alice\"]}}|condition.bk_creator.$in",
            "{\"default\":{\"$ne\":1}}|condition.default.$ne",
            "{\"bk_cloud_name\":{}}|condition.bk_cloud_name"})
    void givenAnOperatorObject_whenSearching_then1199006NamingItsOperator(String condition, String path) {
        ApiResponse response = inEnglish().esb(API, "{\"condition\":" + condition + "}");

        assertRefused(response, 1199006, "'" + path + "' data parameter verification does not pass:"
                + " HostClone does not serve this condition");
        assertThat(server.searchCloudArea.calls()).isEmpty();
    }

    @Test
    void givenAConditionOnTheCreatorAndDefault_whenSearching_thenTheQueryHoldsThem() {
        assertThat(inEnglish().esb(API, "{\"condition\":{\"bk_creator\":\"alice\",\"bk_last_editor\":\"alice\","
                + "\"default\":0}}").code()).isZero();
        assertThat(server.searchCloudArea.onlyCall().input().condition())
                .containsOnlyKeys("bk_creator", "bk_last_editor", "default");
    }

    @Test
    void givenLimitOver1000_whenSearching_then1199059SuggestingTheMaximum() {
        assertRefused(inEnglish().esb(API, "{\"page\":{\"limit\":1001}}"), 1199059, "page limit is exceeded. suggestion 1000");
        assertRefused(client().esb(API, "{\"page\":{\"limit\":1001}}"), 1199059, "分页大小超出限制, 建议不超过 1000");
    }

    @Test
    void givenSortByAFieldThatIsNotSortable_whenSearching_then1199006NamingSort() {
        ApiResponse response = inEnglish().esb(API, "{\"page\":{\"sort\":\"-bk_region\"}}");

        assertRefused(response, 1199006, "'sort' data parameter verification does not pass: '-bk_region' is not an allowed value");
    }

    /** The sort is named first, as it was when PageRules checked both. */
    @Test
    void givenSortByAFieldThatIsNotSortableAndLimitOver1000_whenSearching_then1199006NamingSort() {
        ApiResponse response = inEnglish().esb(API, "{\"page\":{\"limit\":1001,\"sort\":\"-bk_region\"}}");

        assertRefused(response, 1199006, "'sort' data parameter verification does not pass: '-bk_region' is not an allowed value");
        assertThat(server.searchCloudArea.calls()).isEmpty();
    }

    @Test
    void givenTheRoute_whenRead_thenItMatchesApiMd() {
        assertThat(SearchCloudAreaApi.ROUTE.v3Method().name()).isEqualTo("POST");
        assertThat(SearchCloudAreaApi.ROUTE.v3Path()).isEqualTo("/api/v3/findmany/cloudarea");
    }
}
