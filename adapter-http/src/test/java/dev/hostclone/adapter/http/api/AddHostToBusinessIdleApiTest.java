package dev.hostclone.adapter.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.ServerTest;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.application.port.in.AddHostsCommand;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.host.HostId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddHostToBusinessIdleApiTest extends ServerTest {

    private static final String TWO_HOSTS = "{\"bk_biz_id\":3,\"bk_host_list\":["
            + "{\"bk_host_innerip\":\"10.0.0.1\",\"bk_cloud_id\":0,\"bk_host_name\":\"web-1\"},"
            + "{\"bk_host_innerip_v6\":\"fd00::1\",\"bk_cloud_id\":2,\"bk_addressing\":\"dynamic\"}]}";

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenTwoHosts_whenAddingThroughEitherDoor_thenTheCommandHoldsThemAndDataListsTheNewIds(Door door) {
        server.addHostsToBusinessIdle.succeedWith(List.of(HostId.of(101), HostId.of(102)));

        ApiResponse response = server.client().call(door, "add_host_to_business_idle", TWO_HOSTS);

        assertThat(response.code()).isZero();
        assertThat(response.data().toString()).isEqualTo("{\"bk_host_ids\":[101,102]}");
        AddHostsCommand command = server.addHostsToBusinessIdle.onlyCall().input();
        assertThat(command.business()).isEqualTo(BusinessId.of(3));
        assertThat(command.hosts()).containsExactly(
                Map.of("bk_host_innerip", "10.0.0.1", "bk_cloud_id", 0L, "bk_host_name", "web-1"),
                Map.of("bk_host_innerip_v6", "fd00::1", "bk_cloud_id", 2L, "bk_addressing", "dynamic"));
    }

    @Test
    void givenEsbCredentialsBesideTheHostList_whenAdding_thenNoCommonParameterLeaksIntoTheHosts() {
        server.client().withCommon("bk_supplier_account", "0").withCommon("bk_token", "ignored-token")
                .esb("add_host_to_business_idle", TWO_HOSTS);

        AddHostsCommand command = server.addHostsToBusinessIdle.onlyCall().input();
        assertThat(command.hosts()).allSatisfy(host -> assertThat(host.keySet())
                .doesNotContain("bk_app_code", "bk_app_secret", "bk_username", "bk_token", "bk_supplier_account"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\"bk_biz_id\":0,", "\"bk_biz_id\":null,"})
    void givenNoBusinessOrZero_whenAdding_then1199010(String business) {
        ApiResponse response = inEnglish().esb("add_host_to_business_idle",
                "{" + business + "\"bk_host_list\":[{\"bk_host_innerip\":\"10.0.0.1\",\"bk_cloud_id\":0}]}");

        assertThat(response.code()).isEqualTo(1199010);
        assertThat(response.message()).isEqualTo("'bk_biz_id' unassigned");
        assertThat(server.addHostsToBusinessIdle.calls()).isEmpty();
    }

    @Test
    void givenNegativeBusiness_whenAdding_then1199009() {
        ApiResponse response = inEnglish().v3("add_host_to_business_idle",
                "{\"bk_biz_id\":-3,\"bk_host_list\":[{\"bk_host_innerip\":\"10.0.0.1\",\"bk_cloud_id\":0}]}");

        assertThat(response.code()).isEqualTo(1199009);
        assertThat(response.message()).isEqualTo("'bk_biz_id' parameters must be integral");
        assertThat(server.addHostsToBusinessIdle.calls()).as("the use case never called").isEmpty();
    }

    @Test
    void givenBusinessAsString_whenAdding_then1199000() {
        ApiResponse response = inEnglish().esb("add_host_to_business_idle", "{\"bk_biz_id\":\"3\",\"bk_host_list\":[]}");

        assertThat(response.code()).isEqualTo(1199000);
        assertThat(response.message()).isEqualTo("Deserializing JSON data failed: field 'bk_biz_id' must be an integer");
        assertThat(server.addHostsToBusinessIdle.calls()).as("the use case never called").isEmpty();
    }

    @Test
    void givenHostListThatIsNotAnArray_whenAdding_then1199000NamingIt() {
        ApiResponse response = inEnglish().esb("add_host_to_business_idle", "{\"bk_biz_id\":3,\"bk_host_list\":{}}");

        assertThat(response.code()).isEqualTo(1199000);
        assertThat(response.message()).isEqualTo("Deserializing JSON data failed: field 'bk_host_list' must be an array");
        assertThat(server.addHostsToBusinessIdle.calls()).as("the use case never called").isEmpty();
    }

    @Test
    void givenHostListItemThatIsNotAnObject_whenAdding_then1199000NamingTheItem() {
        ApiResponse response = inEnglish().esb("add_host_to_business_idle",
                "{\"bk_biz_id\":3,\"bk_host_list\":[{\"bk_cloud_id\":0},\"10.0.0.1\"]}");

        assertThat(response.code()).isEqualTo(1199000);
        assertThat(response.message()).isEqualTo("Deserializing JSON data failed: field 'bk_host_list[1]' must be an object");
        assertThat(server.addHostsToBusinessIdle.calls()).as("the use case never called").isEmpty();
    }

    @Test
    void givenNoHostList_whenAdding_thenTheCommandRefusesItBeforeTheUseCase() {
        ApiResponse response = inEnglish().esb("add_host_to_business_idle", "{\"bk_biz_id\":3}");

        assertThat(server.addHostsToBusinessIdle.calls()).isEmpty();
        assertThat(response.code()).isEqualTo(1199010);
        assertThat(response.message()).isEqualTo("'bk_host_list' unassigned");
    }

    @Test
    void givenMoreThan200Hosts_whenAdding_thenTheCommandRefusesThemWith1199035BeforeTheUseCase() {
        String host = "{\"bk_host_innerip\":\"10.0.0.1\",\"bk_cloud_id\":0}";
        String tooMany = "{\"bk_biz_id\":3,\"bk_host_list\":[" + String.join(",", Collections.nCopies(201, host)) + "]}";

        ApiResponse response = inEnglish().esb("add_host_to_business_idle", tooMany);

        assertThat(server.addHostsToBusinessIdle.calls()).isEmpty();
        assertThat(response.code()).isEqualTo(1199035);
        assertThat(response.message()).isEqualTo("bk_host_list exceed the limit 200");
    }

    @Test
    void givenMissingBusiness_whenTheUseCaseRefuses_then1101033() {
        server.addHostsToBusinessIdle.rejectWith(new Failure.BusinessNotFound(3));

        ApiResponse response = server.client().esb("add_host_to_business_idle", TWO_HOSTS);

        assertThat(response.code()).isEqualTo(1101033);
        assertThat(response.message()).isEqualTo("查询业务失败: 业务 3 不存在");
    }

    @Test
    void givenTheRoute_whenRead_thenItMatchesApiMd() {
        assertThat(AddHostToBusinessIdleApi.ROUTE.v3Path()).isEqualTo("/api/v3/hosts/add/business_idle");
        assertThat(AddHostToBusinessIdleApi.ROUTE.v3Method().name()).isEqualTo("POST");
    }
}
