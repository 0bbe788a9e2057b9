package dev.hostclone.adapter.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiRouteTest {

    @Test
    void givenAPathWithParameters_whenRead_thenTheyAreNamedInOrderAndWrittenForTheRouter() {
        ApiRoute route = ApiRoute.of("get_host_base_info", HttpMethod.POST, HttpMethod.GET,
                "/api/v3/hosts/{bk_supplier_account}/{bk_host_id}");

        assertThat(route.esbPath()).isEqualTo("/api/c/compapi/v2/cc/get_host_base_info/");
        assertThat(route.esbFieldsUnder()).isNull();
        assertThat(route.v3PathParameters()).containsExactly("bk_supplier_account", "bk_host_id");
        assertThat(route.v3RouterPath()).isEqualTo("/api/v3/hosts/:bk_supplier_account/:bk_host_id");
    }

    @Test
    void givenFieldsNestedOnTheEsbDoor_whenRead_thenOnlyTheNestingChanges() {
        ApiRoute flat = ApiRoute.of("create_business", HttpMethod.POST, HttpMethod.POST, "/api/v3/biz/{bk_supplier_account}");

        assertThat(flat.withEsbFieldsUnder("data"))
                .isEqualTo(new ApiRoute("create_business", HttpMethod.POST, HttpMethod.POST, "/api/v3/biz/{bk_supplier_account}",
                        "data", false, false));
        assertThat(flat.withV3BodyOptional().withEsbFieldsUnder("data").v3BodyOptional()).isTrue();
    }

    /** GET and DELETE carry no body: their fields come from the query string, on each door by its own method. */
    @Test
    void givenEachDoorsMethod_whenAskedWhereFieldsComeFrom_thenGetAndDeleteReadTheQueryString() {
        ApiRoute route = ApiRoute.of("delete_object_unique", HttpMethod.POST, HttpMethod.DELETE, "/api/v3/delete/x");
        ApiRoute read = ApiRoute.of("get_x", HttpMethod.GET, HttpMethod.PUT, "/api/v3/x");

        assertThat(route.readsQueryString(Door.ESB)).isFalse();
        assertThat(route.readsQueryString(Door.V3)).isTrue();
        assertThat(read.readsQueryString(Door.ESB)).isTrue();
        assertThat(read.readsQueryString(Door.V3)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Clone", "clone-host", "1clone", "_clone", ""})
    void givenANameThatIsNotSnakeCase_whenMade_thenRefused(String name) {
        assertThatThrownBy(() -> ApiRoute.of(name, HttpMethod.POST, HttpMethod.PUT, "/api/v3/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("API name must be snake_case: " + name);
    }

    @Test
    void givenAV3PathNotFromTheRoot_whenMade_thenRefused() {
        assertThatThrownBy(() -> ApiRoute.of("clone", HttpMethod.POST, HttpMethod.PUT, "api/v3/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("v3 path must start with '/api/v3/': api/v3/x");
    }

    /** Every v3 path under /api/v3/, so that the gateway's public one is /api/v3/open/ and the rest. */
    @Test
    void givenAV3Path_whenItsPathsAreRead_thenTheGatewaysPublicOneFollowsIt() {
        ApiRoute route = ApiRoute.of("get_host_base_info", HttpMethod.GET, HttpMethod.GET,
                "/api/v3/hosts/{bk_supplier_account}/{bk_host_id}");

        assertThat(route.v3Paths()).containsExactly("/api/v3/hosts/{bk_supplier_account}/{bk_host_id}",
                "/api/v3/open/hosts/{bk_supplier_account}/{bk_host_id}");
        assertThat(ApiRoute.routerPath(route.v3Paths().get(1))).isEqualTo("/api/v3/open/hosts/:bk_supplier_account/:bk_host_id");
    }
}
