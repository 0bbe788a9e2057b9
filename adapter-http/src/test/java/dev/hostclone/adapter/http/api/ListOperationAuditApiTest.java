package dev.hostclone.adapter.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.ServerTest;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.domain.audit.AuditAction;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.query.AuditQuery;
import dev.hostclone.domain.query.Page;
import dev.hostclone.domain.query.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ListOperationAuditApiTest extends ServerTest {

    private static final String API = "list_operation_audit";
    private static final String SINCE_2020 = "\"condition\":{\"operation_time\":{\"start\":\"2020-01-01 00:00:00\"}}";

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenEveryCondition_whenListingThroughEitherDoor_thenTheQueryHoldsThemAndRecordsComeWithoutDetail(Door door) {
        server.listOperationAudit.succeedWith(new Page<>(7, List.of(FindAuditByIdApiTest.UPDATE, FindAuditByIdApiTest.CREATE)));

        ApiResponse response = client().call(door, API, "{\"page\":{\"start\":5,\"limit\":2,\"sort\":\"-operation_time\"},"
                + "\"condition\":{\"operation_time\":{\"start\":\"2020-10-01 00:00:00\",\"end\":\"2020-10-31 23:59:59\"},"
                + "\"bk_biz_id\":2,\"resource_type\":\"host\",\"resource_id\":4,\"action\":[\"update\",\"create\"],"
                + "\"user\":\"admin\",\"audit_type\":\"host\",\"category\":\"host\",\"operate_from\":\"user\","
                + "\"resource_name\":\"10.0.0.2\",\"fuzzy_query\":true}}");

        assertData(response, "{\"count\":7,\"info\":[" + FindAuditByIdApiTest.UPDATE_HEAD + "\"operation_detail\":null},"
                + FindAuditByIdApiTest.CREATE_HEAD + "\"operation_detail\":null}]}");
        assertThat(server.listOperationAudit.onlyCall().input()).isEqualTo(new AuditQuery(
                Instant.parse("2020-10-01T00:00:00Z"), Instant.parse("2020-10-31T23:59:59.999999999Z"), BusinessId.of(2), "host",
                4L, Set.of(AuditAction.UPDATE, AuditAction.CREATE), "admin", Set.of("host"), "user", "10.0.0.2", true,
                new PageRequest(5, 2, "operation_time", true)));
    }

    @Test
    void givenBlueKingsHostActionsHostCloneNeverRecords_whenListing_thenTheyAreAskedForNotRefused() {
        client().esb(API, "{\"page\":{\"limit\":10},\"condition\":{\"operation_time\":{\"start\":\"2020-01-01 00:00:00\"},"
                + "\"action\":[\"assign_host\",\"unassign_host\",\"transfer_host_module\",\"archive\",\"recover\","
                + "\"stop\",\"resume\"]}}");

        assertThat(server.listOperationAudit.onlyCall().input().actions()).containsExactlyInAnyOrder(
                AuditAction.ASSIGN_HOST, AuditAction.UNASSIGN_HOST, AuditAction.TRANSFER_HOST_MODULE, AuditAction.ARCHIVE,
                AuditAction.RECOVER, AuditAction.STOP, AuditAction.RESUME);
    }

    @Test
    void givenOnlyAnEndAndALimit_whenListing_thenNoOtherFilterAndNewestFirst() {
        client().esb(API, "{\"page\":{\"limit\":10},\"condition\":{\"operation_time\":{\"start\":\"\","
                + "\"end\":\"2020-10-31 23:59:59\"},\"bk_biz_id\":0,\"resource_type\":\"\",\"user\":\"\"}}");

        // the end through the whole second it names: records are shown to the second, kept finer
        assertThat(server.listOperationAudit.onlyCall().input()).isEqualTo(new AuditQuery(null,
                Instant.parse("2020-10-31T23:59:59.999999999Z"), null, null, null, Set.of(), null,
                new PageRequest(0, 10, "operation_time", true)));
    }

    /** A category is a set of audit types; HostClone writes host records only, so another asks for none. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"|host|host", "host|business|", "business||business", "host|host|host"},
            nullValues = "-")
    void givenATypeOrACategory_whenListing_thenTheQueryAsksForTheTypesInBoth(String auditType, String category,
                                                                             String expected) {
        String type = auditType == null ? "" : ",\"audit_type\":\"" + auditType + "\"";
        String byCategory = category == null ? "" : ",\"category\":\"" + category + "\"";
        client().esb(API, "{\"page\":{\"limit\":10},\"condition\":{\"operation_time\":{\"start\":\"2020-01-01 00:00:00\"}"
                + type + byCategory + "}}");

        assertThat(server.listOperationAudit.onlyCall().input().auditTypes())
                .isEqualTo(expected == null ? Set.of() : Set.of(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"page\":{\"limit\":10},\"condition\":{}}|1199010|'operation_time' unassigned",
            "{\"page\":{\"limit\":10}}|1199010|'operation_time' unassigned",
            "{\"page\":{\"limit\":10},\"condition\":{\"operation_time\":{\"start\":\"\",\"end\":\" \"}}}|1199010|'operation_time' unassigned",
            "{\"page\":{\"limit\":10},\"condition\":{\"operation_time\":{\"start\":\"2020-13-01 00:00:00\"}}}|1199006|'condition.operation_time.start' data parameter verification does not pass: '2020-13-01 00:00:00' is not an allowed value",
            "{\"page\":{\"limit\":10},\"condition\":{\"operation_time\":{\"end\":\"2020-02-30 00:00:00\"}}}|1199006|'condition.operation_time.end' data parameter verification does not pass: '2020-02-30 00:00:00' is not an allowed value",
            "{\"page\":{\"limit\":10},\"condition\":{\"operation_time\":{\"end\":\"2020-10-21T18:49:48Z\"}}}|1199006|'condition.operation_time.end' data parameter verification does not pass: '2020-10-21T18:49:48Z' is not an allowed value",
            "{\"page\":{\"limit\":10},\"condition\":{\"operation_time\":{\"start\":\"2020-01-01 00:00:00\"},\"action\":[\"assign\"]}}|1199006|'condition.action[0]' data parameter verification does not pass: 'assign' is not an allowed value",
            "{\"page\":{\"limit\":10},\"condition\":{\"operation_time\":{\"start\":\"2020-01-01 00:00:00\"},\"bk_biz_id\":-1}}|1199009|'bk_biz_id' parameters must be integral",
            "{\"page\":{\"limit\":10},\"condition\":{\"operation_time\":{\"start\":\"2020-01-01 00:00:00\"},\"category\":\"hosts\"}}|1199006|'condition.category' data parameter verification does not pass: 'hosts' is not an allowed value",
            "{\"page\":{\"limit\":10},\"condition\":{\"operation_time\":{\"start\":\"2020-01-01 00:00:00\"},\"bk_obj_id\":\"host\"}}|1199006|'condition.bk_obj_id' data parameter verification does not pass: HostClone does not serve this condition",
            "{\"page\":{\"limit\":10},\"condition\":{\"operation_time\":{\"start\":\"2020-01-01 00:00:00\"},\"condition\":[{\"field\":\"user\",\"operator\":\"in\",\"value\":[\"admin\"]}]}}|1199006|'condition.condition' data parameter verification does not pass: HostClone does not serve this condition"})
    void givenConditionOutOfItsRules_whenListing_thenRefusedNamingTheField(String body, long code, String message) {
        assertRefused(inEnglish().esb(API, body), code, message);
        assertThat(server.listOperationAudit.calls()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}|'limit' data parameter verification does not pass: it is missing or does not exist",
            "{\"start\":0}|'limit' data parameter verification does not pass: it is missing or does not exist",
            "{\"limit\":0}|'limit' data parameter verification does not pass: 0 is not an allowed value",
            "{\"limit\":-10}|'limit' data parameter verification does not pass: -10 is not an allowed value",
            "{\"limit\":10,\"sort\":\"user\"}|'sort' data parameter verification does not pass: 'user' is not an allowed value"})
    void givenPageWithoutAUsableLimitOrSort_whenListing_then1199006(String page, String message) {
        assertRefused(inEnglish().v3(API, "{\"page\":" + page + "," + SINCE_2020 + "}"), 1199006, message);
    }

    @Test
    void givenNoPageAtAll_whenListing_then1199006NamingLimit() {
        assertRefused(inEnglish().v3(API, "{" + SINCE_2020 + "}"), 1199006,
                "'limit' data parameter verification does not pass: it is missing or does not exist");
    }

    @Test
    void givenLimitOver200_whenListing_then1199059InEitherLanguage() {
        String body = "{\"page\":{\"limit\":201}," + SINCE_2020 + "}";

        assertRefused(inEnglish().esb(API, body), 1199059, "page limit is exceeded. suggestion 200");
        assertRefused(client().esb(API, body), 1199059, "分页大小超出限制, 建议不超过 200");
    }

    /** The sort is named first, as it was when PageRules checked both. */
    @Test
    void givenSortByAFieldThatIsNotSortableAndLimitOver200_whenListing_then1199006NamingSort() {
        ApiResponse response = inEnglish().esb(API, "{\"page\":{\"limit\":201,\"sort\":\"-user\"}," + SINCE_2020 + "}");

        assertRefused(response, 1199006, "'sort' data parameter verification does not pass: '-user' is not an allowed value");
        assertThat(server.listOperationAudit.calls()).isEmpty();
    }

    /** The page is refused before the time range, in the order this API has always answered. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"page\":{\"limit\":201}}|1199059|page limit is exceeded. suggestion 200",
            "{\"page\":{\"limit\":201},\"condition\":{\"operation_time\":{\"start\":\"yesterday\"}}}|1199059|page limit is exceeded. suggestion 200",
            "{\"page\":{\"limit\":10,\"sort\":\"-user\"}}|1199006|'sort' data parameter verification does not pass: '-user' is not an allowed value"})
    void givenAPageTheQueryCannotServeAndNoUsableTimeRange_whenListing_thenThePageIsNamed(String body, long code,
                                                                                         String message) {
        assertRefused(inEnglish().v3(API, body), code, message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"condition\":[]}|'condition' must be an object",
            "{\"condition\":{\"operation_time\":\"2020-01-01 00:00:00\"}}|'condition.operation_time' must be an object",
            "{\"condition\":{\"operation_time\":{\"start\":20200101}}}|'condition.operation_time.start' must be a string",
            "{\"condition\":{\"bk_biz_id\":\"2\"}}|'condition.bk_biz_id' must be an integer",
            "{\"condition\":{\"resource_id\":\"4\"}}|'condition.resource_id' must be an integer",
            "{\"condition\":{\"resource_type\":1}}|'condition.resource_type' must be a string",
            "{\"condition\":{\"action\":\"update\"}}|'condition.action' must be an array",
            "{\"condition\":{\"action\":[\"update\",1]}}|'condition.action[1]' must be a string",
            "{\"condition\":{\"user\":[\"admin\"]}}|'condition.user' must be a string",
            "{\"page\":{\"limit\":\"10\"}}|'page.limit' must be an integer"})
    void givenFieldOfTheWrongJsonType_whenListing_then1199000NamingIt(String body, String expected) {
        assertRefused(inEnglish().esb(API, body), 1199000, "Deserializing JSON data failed: field " + expected);
    }

    @Test
    void givenTheRoute_whenRead_thenItMatchesApiMd() {
        assertThat(ListOperationAuditApi.ROUTE.v3Method().name()).isEqualTo("POST");
        assertThat(ListOperationAuditApi.ROUTE.v3Path()).isEqualTo("/api/v3/findmany/audit_list");
    }
}
