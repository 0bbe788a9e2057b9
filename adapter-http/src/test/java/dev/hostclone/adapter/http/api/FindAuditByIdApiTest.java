package dev.hostclone.adapter.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.ServerTest;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.OrderedMap;
import dev.hostclone.domain.audit.AuditAction;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class FindAuditByIdApiTest extends ServerTest {

    private static final String API = "find_audit_by_id";

    /** A clone's record: the destination before, and the fields written. */
    static final AuditRecord UPDATE = new AuditRecord(95, "host", "host", AuditAction.UPDATE, BusinessId.of(2), 4,
            "1.1.1.1", "admin", "my_app", "rid-95", "user", Instant.parse("2020-10-21T18:49:48.500Z"),
            OrderedMap.of("bk_host_id", 4L, "bk_host_innerip", "1.1.1.1", "operator", ""), null,
            OrderedMap.of("operator", "alice"));
    /** An added host's record: the host after, with an inner IPv6. */
    static final AuditRecord CREATE = new AuditRecord(118, "host", "host", AuditAction.CREATE, BusinessId.of(3), 6,
            "10.0.0.6", "bob", "ops", "rid-118", "user", Instant.parse("2020-10-22T01:02:03Z"), null,
            OrderedMap.of("bk_host_id", 6L, "bk_host_innerip", "10.0.0.6", "bk_host_innerip_v6", "fd00::6"), null);

    static final String UPDATE_HEAD = "{\"id\":95,\"audit_type\":\"host\",\"bk_supplier_account\":\"0\",\"user\":\"admin\","
            + "\"resource_type\":\"host\",\"action\":\"update\",\"operate_from\":\"user\","
            + "\"operation_time\":\"2020-10-21 18:49:48\",\"bk_biz_id\":2,\"resource_id\":4,\"resource_name\":\"1.1.1.1\","
            + "\"extend_resource_name\":\"\",\"code\":\"my_app\",\"rid\":\"rid-95\",";
    static final String CREATE_HEAD = "{\"id\":118,\"audit_type\":\"host\",\"bk_supplier_account\":\"0\",\"user\":\"bob\","
            + "\"resource_type\":\"host\",\"action\":\"create\",\"operate_from\":\"user\","
            + "\"operation_time\":\"2020-10-22 01:02:03\",\"bk_biz_id\":3,\"resource_id\":6,\"resource_name\":\"10.0.0.6\","
            + "\"extend_resource_name\":\"fd00::6\",\"code\":\"ops\",\"rid\":\"rid-118\",";

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenTwoIds_whenFindingThroughEitherDoor_thenFullRecordsWithTheirDetails(Door door) {
        server.findAuditById.succeedWith(List.of(UPDATE, CREATE));

        ApiResponse response = client().call(door, API, "{\"id\":[95,118]}");

        assertData(response, "[" + UPDATE_HEAD + "\"operation_detail\":{\"bk_obj_id\":\"host\",\"details\":{"
                + "\"pre_data\":{\"bk_host_id\":4,\"bk_host_innerip\":\"1.1.1.1\",\"operator\":\"\"},\"cur_data\":null,"
                + "\"update_fields\":{\"operator\":\"alice\"}}}},"
                + CREATE_HEAD + "\"operation_detail\":{\"bk_obj_id\":\"host\",\"details\":{\"pre_data\":null,"
                + "\"cur_data\":{\"bk_host_id\":6,\"bk_host_innerip\":\"10.0.0.6\",\"bk_host_innerip_v6\":\"fd00::6\"},"
                + "\"update_fields\":null}}}]");
        assertThat(server.findAuditById.onlyCall().input().ids()).containsExactly(95L, 118L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"id\":95}|1199000|Deserializing JSON data failed: field 'id' must be an array",
            "{\"id\":[95,\"118\"]}|1199000|Deserializing JSON data failed: field 'id[1]' must be an integer"})
    void givenIdsOfTheWrongJsonType_whenFinding_then1199000BeforeTheUseCase(String body, long code, String message) {
        assertRefused(inEnglish().v3(API, body), code, message);
        assertThat(server.findAuditById.calls()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"id\":[]}", "{\"id\":null}"})
    void givenNoIds_whenFinding_then1199010BeforeTheUseCase(String body) {
        assertRefused(inEnglish().esb(API, body), 1199010, "'id' unassigned");
        assertThat(server.findAuditById.calls()).isEmpty();
    }

    @Test
    void givenMoreThan200Ids_whenFinding_then1199059InEitherLanguageBeforeTheUseCase() {
        String ids = LongStream.rangeClosed(1, 201).mapToObj(Long::toString).collect(Collectors.joining(",", "{\"id\":[", "]}"));

        assertRefused(inEnglish().esb(API, ids), 1199059, "page limit is exceeded. suggestion 200");
        assertRefused(client().v3(API, ids), 1199059, "分页大小超出限制, 建议不超过 200");
        assertThat(server.findAuditById.calls()).isEmpty();
    }

    @Test
    void givenTheSameIdTwice_whenFinding_thenTheUseCaseIsAskedForItOnce() {
        inEnglish().esb(API, "{\"id\":[95,118,95]}");

        assertThat(server.findAuditById.onlyCall().input().ids()).containsExactly(95L, 118L);
    }

    @Test
    void givenUnknownId_whenTheUseCaseRefuses_then1199011NamingId() {
        server.findAuditById.rejectWith(new Failure.InvalidCombination("id"));

        assertRefused(inEnglish().esb(API, "{\"id\":[7]}"), 1199011, "'id' the parameter is invalid or does not exist");
    }

    @Test
    void givenTheRoute_whenRead_thenItMatchesApiMd() {
        assertThat(FindAuditByIdApi.ROUTE.v3Method().name()).isEqualTo("POST");
        assertThat(FindAuditByIdApi.ROUTE.v3Path()).isEqualTo("/api/v3/find/audit");
    }
}
