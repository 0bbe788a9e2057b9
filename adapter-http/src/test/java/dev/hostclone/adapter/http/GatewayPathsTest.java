package dev.hostclone.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.domain.host.HostId;
import org.junit.jupiter.api.Test;

/**
 * BlueKing's API gateway publishes each CMDB resource to apps outside BlueKing at {@code /api/v3/open/<path>}, beside
 * {@code /api/v3/<path>}: a gateway caller pointed here keeps its paths. Until 2026-12-08 they were 404.
 */
class GatewayPathsTest extends ServerTest {

    private static final String CLONE_BY_ID = "{\"bk_biz_id\":2,\"bk_org_id\":10,\"bk_dst_id\":11}";

    @Test
    void givenTheGatewaysPublicPath_whenCloning_thenServedAsTheV3Door() {
        ApiResponse response = client().send("PUT", "/api/v3/open/hosts/property/clone", CLONE_BY_ID, V3_AUTHORIZATION);

        assertThat(response.code()).as(response.body()).isZero();
        assertThat(server.cloneHostProperty.onlyCall().actor().appCode()).isEqualTo("cmdb-caller");
    }

    @Test
    void givenTheGatewaysPublicPathWithParameters_whenReadingAHost_thenItsParametersAreRead() {
        ApiResponse response = client().send("GET", "/api/v3/open/hosts/0/11", null, V3_AUTHORIZATION);

        assertThat(response.code()).as(response.body()).isZero();
        assertThat(server.getHostBaseInfo.onlyCall().input()).isEqualTo(HostId.of(11));
    }

    @Test
    void givenAnotherMethodOnTheGatewaysLiteralPath_whenCalled_then405NotTheApiWhosePathWithParametersMatches() {
        ApiResponse response = inEnglish().send("GET", "/api/v3/open/hosts/property/clone", null, V3_AUTHORIZATION);

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo("PUT");
        assertThat(response.code()).isEqualTo(1199003);
        assertThat(response.message()).isEqualTo("Method not allowed: GET /api/v3/open/hosts/property/clone");
        assertThat(server.getHostBaseInfo.calls()).isEmpty();
    }

    @Test
    void givenTheGatewaysPublicPathWithoutCredentials_whenCloning_then401() {
        ApiResponse response = inEnglish().send("PUT", "/api/v3/open/hosts/property/clone", CLONE_BY_ID);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo(1199047);
        assertThat(response.message()).isEqualTo("Do not have access permission. bk_app_code is missing.");
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }
}
