package dev.hostclone.adapter.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.ServerTest;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.application.port.in.CloneOutcome;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.clone.CloneHostPropertyCommand;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.host.IpAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CloneHostPropertyApiTest extends ServerTest {

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenIdPair_whenCloningThroughEitherDoor_thenTheUseCaseGetsAnIdCommandAndDataIsNull(Door door) {
        server.cloneHostProperty.succeedWith(
                new CloneOutcome.Cloned(HostId.of(10), HostId.of(11), List.of(), 7));

        ApiResponse response = server.client().call(door, "clone_host_property",
                "{\"bk_biz_id\":2,\"bk_org_id\":10,\"bk_dst_id\":11}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.result()).isTrue();
        assertThat(response.data().isNull()).isTrue();
        assertThat(server.cloneHostProperty.onlyCall().input()).isEqualTo(CloneHostPropertyCommand.byHostId(
                BusinessId.of(2), CloudAreaId.of(0), HostId.of(10), HostId.of(11)));
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenIpPairInACloudArea_whenCloningThroughEitherDoor_thenTheUseCaseGetsAnIpCommand(Door door) {
        ApiResponse response = server.client().call(door, "clone_host_property",
                "{\"bk_biz_id\":2,\"bk_cloud_id\":3,\"bk_org_ip\":\"10.0.0.1\",\"bk_dst_ip\":\"10.0.0.2\"}");

        assertThat(response.code()).isZero();
        assertThat(server.cloneHostProperty.onlyCall().input()).isEqualTo(CloneHostPropertyCommand.byInnerIp(
                BusinessId.of(2), CloudAreaId.of(3), IpAddress.of("10.0.0.1"), IpAddress.of("10.0.0.2")));
    }

    @Test
    void givenTheRoute_whenRead_thenItMatchesApiMd() {
        assertThat(CloneHostPropertyApi.ROUTE.esbPath()).isEqualTo("/api/c/compapi/v2/cc/clone_host_property/");
        assertThat(CloneHostPropertyApi.ROUTE.esbMethod().name()).isEqualTo("POST");
        assertThat(CloneHostPropertyApi.ROUTE.v3Method().name()).isEqualTo("PUT");
        assertThat(CloneHostPropertyApi.ROUTE.v3Path()).isEqualTo("/api/v3/hosts/property/clone");
    }

    @Test
    void givenNoBusiness_whenCloning_then1199009AndNoCall() {
        ApiResponse response = inEnglish().esb("clone_host_property", "{\"bk_org_id\":10,\"bk_dst_id\":11}");

        assertThat(response.code()).isEqualTo(1199009);
        assertThat(response.message()).isEqualTo("'bk_biz_id' parameters must be integral");
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    @Test
    void givenNegativeCloud_whenCloning_then1199009NamingTheCloud() {
        ApiResponse response = inEnglish().esb("clone_host_property",
                "{\"bk_biz_id\":2,\"bk_cloud_id\":-1,\"bk_org_id\":10,\"bk_dst_id\":11}");

        assertThat(response.code()).isEqualTo(1199009);
        assertThat(response.message()).isEqualTo("'bk_cloud_id' parameters must be integral");
        assertThat(server.cloneHostProperty.calls()).as("the use case never called").isEmpty();
    }

    @Test
    void givenIpAndIdMixed_whenCloning_then1199011() {
        ApiResponse response = inEnglish().esb("clone_host_property",
                "{\"bk_biz_id\":2,\"bk_org_ip\":\"10.0.0.1\",\"bk_dst_id\":11}");

        assertThat(response.code()).isEqualTo(1199011);
        assertThat(response.message()).isEqualTo("'bk_org_ip' the parameter is invalid or does not exist");
        assertThat(server.cloneHostProperty.calls()).as("the use case never called").isEmpty();
    }

    @Test
    void givenNeitherPair_whenCloning_then1199011NamingBothPairs() {
        ApiResponse response = inEnglish().esb("clone_host_property", "{\"bk_biz_id\":2}");

        assertThat(response.code()).isEqualTo(1199011);
        assertThat(response.message())
                .isEqualTo("'bk_org_ip/bk_dst_ip or bk_org_id/bk_dst_id' the parameter is invalid or does not exist");
        assertThat(server.cloneHostProperty.calls()).as("the use case never called").isEmpty();
    }

    @Test
    void givenInvalidIp_whenCloning_then1199006NamingFieldAndValue() {
        ApiResponse response = inEnglish().v3("clone_host_property",
                "{\"bk_biz_id\":2,\"bk_org_ip\":\"10.0.0.1,10.0.0.3\",\"bk_dst_ip\":\"10.0.0.2\"}");

        assertThat(response.code()).isEqualTo(1199006);
        assertThat(response.message()).isEqualTo("'bk_org_ip' data parameter verification does not pass:"
                + " '10.0.0.1,10.0.0.3' is not a valid IPv4 or IPv6 address");
        assertThat(server.cloneHostProperty.calls()).as("the use case never called").isEmpty();
    }

    @Test
    void givenCommonParametersInTheEsbBody_whenCloning_thenTheyAreNotTakenForCloneFields() {
        ApiResponse response = server.client().withCommon("bk_supplier_account", "0")
                .esb("clone_host_property", "{\"bk_biz_id\":2,\"bk_org_id\":10,\"bk_dst_id\":11}");

        assertThat(response.code()).isZero();
        assertThat(server.cloneHostProperty.calls()).hasSize(1);
    }
}
