package dev.hostclone.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.application.port.in.AuthorizationUndecidedException;
import dev.hostclone.application.port.in.CloneOutcome;
import dev.hostclone.application.port.in.StoreUnavailableException;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.host.HostId;
import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Refusals and faults coming back from a use case, as the caller sees them. */
class FailureAnswersTest extends ServerTest {

    private static final String CLONE_BY_ID = "{\"bk_biz_id\":2,\"bk_org_id\":10,\"bk_dst_id\":11}";

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenUseCaseRejectsWithHostNotInBusiness_whenCalled_then1110024InEitherLanguage(Door door) {
        server.cloneHostProperty.rejectWith(new Failure.HostNotInBusiness(11, 2));

        ApiResponse chinese = client().call(door, "clone_host_property", CLONE_BY_ID);
        ApiResponse english = inEnglish().call(door, "clone_host_property", CLONE_BY_ID);

        assertThat(chinese.status()).isEqualTo(200);
        assertThat(chinese.code()).isEqualTo(1110024);
        assertThat(chinese.message()).isEqualTo("主机 '11' 不属于业务 2");
        assertThat(english.message()).isEqualTo("host '11' does not belong to business 2");
    }

    @Test
    void givenAmbiguousIp_whenCloning_then1199006SuggestingIdMode() {
        server.cloneHostProperty.rejectWith(new Failure.InvalidValue("bk_org_ip", InvalidReason.AMBIGUOUS_IP, "10.0.0.1"));

        ApiResponse response = inEnglish().esb("clone_host_property",
                "{\"bk_biz_id\":2,\"bk_org_ip\":\"10.0.0.1\",\"bk_dst_ip\":\"10.0.0.2\"}");

        assertThat(response.code()).isEqualTo(1199006);
        assertThat(response.message()).contains("'bk_org_ip'", "several hosts", "bk_org_id/bk_dst_id");
    }

    @Test
    void givenPermissionMissing_whenCloning_then9900403WithThePermissionObject() {
        server.cloneHostProperty.rejectWith(new Failure.PermissionMissing(List.of(
                Permission.onHost(Action.EDIT_BIZ_HOST, BusinessId.of(2), HostId.of(11)))));

        ApiResponse response = inEnglish().esb("clone_host_property", CLONE_BY_ID);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.code()).isEqualTo(9900403);
        assertThat(response.message()).isEqualTo("no permissions: edit_biz_host");
        JsonNode permission = response.permission();
        assertThat(permission.toString()).isEqualTo("{\"system_id\":\"bk_cmdb\",\"system_name\":\"\",\"actions\":[{\"id\":"
                + "\"edit_biz_host\",\"name\":\"\",\"related_resource_types\":[{\"system_id\":\"bk_cmdb\",\"system_name\":\"\","
                + "\"type\":\"host\",\"type_name\":\"\",\"instances\":[[{\"type\":\"biz\",\"type_name\":\"\",\"id\":\"2\","
                + "\"name\":\"\"},{\"type\":\"host\",\"type_name\":\"\",\"id\":\"11\",\"name\":\"\"}]]}]}]}");
        assertThat(response.data().isNull()).isTrue();
    }

    @Test
    void givenUnexpectedFailureOfTheStage_whenCalled_then500WithoutTheExceptionText() {
        server.cloneHostProperty.failWith(new IllegalStateException("ERROR: relation \"host\" does not exist; SELECT secret"));

        ApiResponse response = inEnglish().withHeader("X-Request-ID", "rid-500").esb("clone_host_property", CLONE_BY_ID);

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.code()).isEqualTo(1199998);
        assertThat(response.message()).isEqualTo("Unknown or unrecognized error, request id: rid-500");
        assertThat(response.body()).doesNotContain("relation", "SELECT", "IllegalStateException", "at dev.");
        assertThat(response.header("X-Request-ID")).isEqualTo("rid-500");
    }

    /** A write whose commit was cut off may have been applied: an add sent again would add its hosts again. */
    @ParameterizedTest
    @EnumSource(Door.class)
    void givenAWriteWhoseOutcomeIsUnknown_whenCalled_then503With1199017SayingToReadBeforeRetrying(Door door) {
        server.cloneHostProperty.failWith(StoreUnavailableException.outcomeUnknown("PostgreSQL's connection was lost"
                + " while committing to update a host", new IllegalStateException("Connection closed; UPDATE host SET")));

        ApiResponse chinese = client().call(door, "clone_host_property", CLONE_BY_ID);
        ApiResponse english = inEnglish().call(door, "clone_host_property", CLONE_BY_ID);

        assertThat(english.status()).isEqualTo(503);
        assertThat(english.code()).isEqualTo(1199017);
        assertThat(english.message()).isEqualTo("the database connection was lost while the write was committed,"
                + " which may have applied it: read before you retry");
        assertThat(chinese.message()).isEqualTo("提交写入时与数据库的连接中断, 写入可能已生效: 请先查询再决定是否重试");
        assertThat(english.body()).doesNotContain("PostgreSQL", "UPDATE", "Exception");
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenStoreUnavailable_whenCalled_then503With1199017SayingRetryWithoutTheExceptionText(Door door) {
        server.cloneHostProperty.failWith(new StoreUnavailableException("PostgreSQL is unavailable to update a host"
                + " (SQLSTATE 57P01)", new IllegalStateException("terminating connection; UPDATE host SET")));

        ApiResponse chinese = client().call(door, "clone_host_property", CLONE_BY_ID);
        ApiResponse english = inEnglish().call(door, "clone_host_property", CLONE_BY_ID);

        assertThat(english.status()).isEqualTo(503);
        assertThat(english.result()).isFalse();
        assertThat(english.code()).isEqualTo(1199017);
        assertThat(english.message()).isEqualTo("the database is unavailable, please retry later");
        assertThat(chinese.message()).isEqualTo("数据库暂时不可用, 请稍后重试");
        assertThat(english.body()).doesNotContain("PostgreSQL", "SQLSTATE", "UPDATE", "Exception");
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenAuthorizationUndecided_whenCalled_then1199048PermissionDeniedWithoutTheCause(Door door) {
        server.cloneHostProperty.failWith(new AuthorizationUndecidedException("IAM at iam.example:443 unreachable",
                new ConnectException("Connection refused")));

        ApiResponse chinese = client().call(door, "clone_host_property", CLONE_BY_ID);
        ApiResponse english = inEnglish().call(door, "clone_host_property", CLONE_BY_ID);

        assertThat(english.status()).isEqualTo(200);
        assertThat(english.result()).isFalse();
        assertThat(english.code()).isEqualTo(1199048);
        assertThat(english.message()).isEqualTo("Permission Denied");
        assertThat(english.permission().isNull()).isTrue();
        assertThat(chinese.message()).isEqualTo("权限校验失败");
        assertThat(english.body()).doesNotContain("iam.example", "Connection refused", "Exception");
    }

    @Test
    void givenUseCaseThrowsInsteadOfFailingTheStage_whenCalled_then500WithoutTheExceptionText() {
        server.cloneHostProperty.throwWhenCalled(new NullPointerException("hosts.get(0) was null"));

        ApiResponse response = client().esb("clone_host_property", CLONE_BY_ID);

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.code()).isEqualTo(1199998);
        assertThat(response.message()).startsWith("未知或无法识别的错误, 请求ID: ");
        assertThat(response.body()).doesNotContain("hosts.get", "NullPointerException");
    }

    @Test
    void givenUseCaseCompletesOnAnotherThread_whenCalled_thenTheAnswerStillArrives() {
        server.cloneHostProperty.succeedLaterWith(new CloneOutcome.NothingWritten(CloneOutcome.Reason.SAME_HOST_REQUESTED));

        ApiResponse response = client().esb("clone_host_property", CLONE_BY_ID);

        assertThat(response.code()).isZero();
    }

    @Test
    void givenWriteConflict_whenCloning_then1199066() {
        server.cloneHostProperty.rejectWith(new Failure.WriteConflict(5));

        ApiResponse response = client().v3("clone_host_property", CLONE_BY_ID);

        assertThat(response.code()).isEqualTo(1199066);
        assertThat(response.message()).isEqualTo("重试事务超过最大次数: 已尝试 5 次");
    }

    @Test
    void givenDuplicatedHosts_whenAdding_then1199014WithFieldsAndValues() {
        server.addHostsToBusinessIdle.rejectWith(
                new Failure.Duplicated(List.of("bk_host_innerip", "bk_cloud_id"), List.of("10.0.0.1", 0L)));

        ApiResponse response = inEnglish().esb("add_host_to_business_idle",
                "{\"bk_biz_id\":3,\"bk_host_list\":[{\"bk_host_innerip\":\"10.0.0.1\",\"bk_cloud_id\":0}]}");

        assertThat(response.code()).isEqualTo(1199014);
        assertThat(response.message()).isEqualTo(
                "duplicated instances exist, fields [bk_host_innerip, bk_cloud_id] duplicated: values ['10.0.0.1', 0]");
    }
}
