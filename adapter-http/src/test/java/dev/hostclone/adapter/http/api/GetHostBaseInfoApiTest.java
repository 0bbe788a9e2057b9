package dev.hostclone.adapter.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.ServerTest;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.application.port.in.HostProperty;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.host.HostId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class GetHostBaseInfoApiTest extends ServerTest {

    private static final String ESB_CREDENTIALS = "bk_app_code=cmdb-caller&bk_app_secret=s3cret-Value%21&bk_username=admin";

    @BeforeEach
    void aHostWithFourProperties() {
        server.getHostBaseInfo.succeedWith(Arrays.asList(
                new HostProperty("bk_host_name", "主机名称", "Host Name", "web-1"),
                new HostProperty("bk_mem", "内存容量(MB)", "Memory Size(MB)", 4096L),
                new HostProperty("bk_comment", "备注", null, null),
                new HostProperty("bk_host_id", "主机ID", "Host ID", 11L)));
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenHostId_whenReadingThroughEitherDoor_thenPropertiesWithChineseNamesByDefault(Door door) {
        ApiResponse response = server.client().call(door, "get_host_base_info", "{\"bk_host_id\":11}");

        assertThat(response.code()).isZero();
        assertThat(server.getHostBaseInfo.onlyCall().input()).isEqualTo(HostId.of(11));
        assertThat(response.data().toString()).isEqualTo("["
                + "{\"bk_property_id\":\"bk_host_name\",\"bk_property_name\":\"主机名称\",\"bk_property_value\":\"web-1\"},"
                + "{\"bk_property_id\":\"bk_mem\",\"bk_property_name\":\"内存容量(MB)\",\"bk_property_value\":4096},"
                + "{\"bk_property_id\":\"bk_comment\",\"bk_property_name\":\"备注\",\"bk_property_value\":null},"
                + "{\"bk_property_id\":\"bk_host_id\",\"bk_property_name\":\"主机ID\",\"bk_property_value\":11}]");
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenEnglish_whenReading_thenEnglishNamesWithTheChineseNameWhereNoEnglishOneExists(Door door) {
        ApiResponse response = inEnglish()
                .call(door, "get_host_base_info", "{\"bk_host_id\":11}");

        assertThat(response.data().findValuesAsText("bk_property_name"))
                .containsExactly("Host Name", "Memory Size(MB)", "备注", "Host ID");
    }

    @Test
    void givenRawEsbGet_whenReading_thenTheQueryStringCarriesIdAndCredentials() {
        ApiResponse response = server.client().send("GET",
                "/api/c/compapi/v2/cc/get_host_base_info/?" + ESB_CREDENTIALS + "&bk_supplier_account=0&bk_host_id=11", null);

        assertThat(response.code()).isZero();
        assertThat(server.getHostBaseInfo.onlyCall().input()).isEqualTo(HostId.of(11));
    }

    /**
     * BlueKing's Java SDK posts get_host_base_info to the ESB, which serves a component by GET and POST both, its form
     * reading {@code bk_host_id} as an integer or its text: until 2026-12-08 such a caller heard 405.
     */
    @ParameterizedTest
    @ValueSource(strings = {"11", "\"11\"", "\" 11 \""})
    void givenAnEsbPostWithAJsonBody_whenReading_thenTheBodyCarriesIdAndCredentials(String id) {
        ApiResponse response = server.client().send("POST", "/api/c/compapi/v2/cc/get_host_base_info/",
                "{\"bk_app_code\":\"cmdb-caller\",\"bk_app_secret\":\"s3cret-Value!\",\"bk_username\":\"admin\","
                        + "\"bk_supplier_account\":\"0\",\"bk_host_id\":" + id + "}");

        assertThat(response.code()).as(response.body()).isZero();
        assertThat(server.getHostBaseInfo.onlyCall().input()).isEqualTo(HostId.of(11));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"abc\"", "\"0\"", "0", "\"1.5\"", "true"})
    void givenAnEsbPostWhoseIdIsNoPositiveInteger_whenReading_then1199009OrAWrongType(String id) {
        ApiResponse response = inEnglish().send("POST", "/api/c/compapi/v2/cc/get_host_base_info",
                "{\"bk_app_code\":\"cmdb-caller\",\"bk_app_secret\":\"s3cret-Value!\",\"bk_username\":\"admin\","
                        + "\"bk_host_id\":" + id + "}");

        if (id.equals("true")) {
            assertThat(response.code()).isEqualTo(1199000);
            assertThat(response.message()).isEqualTo("Deserializing JSON data failed: field 'bk_host_id' must be an integer");
        } else {
            assertThat(response.code()).isEqualTo(1199009);
            assertThat(response.message()).isEqualTo("'bk_host_id' parameters must be integral");
        }
        assertThat(server.getHostBaseInfo.calls()).isEmpty();
    }

    @Test
    void givenRawV3Get_whenReading_thenThePathCarriesSupplierAccountAndId() {
        ApiResponse response = server.client().send("GET", "/api/v3/hosts/0/11", null, V3_AUTHORIZATION);

        assertThat(response.code()).isZero();
        assertThat(server.getHostBaseInfo.onlyCall().input()).isEqualTo(HostId.of(11));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-1", "1.5", "99999999999999999999"})
    void givenV3PathIdThatIsNotAPositiveInteger_whenReading_then1199009(String id) {
        ApiResponse response = inEnglish()
                .send("GET", "/api/v3/hosts/0/" + id, null, V3_AUTHORIZATION);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.code()).isEqualTo(1199009);
        assertThat(response.message()).isEqualTo("'bk_host_id' parameters must be integral");
        assertThat(server.getHostBaseInfo.calls()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"&bk_host_id=abc", "&bk_host_id=0", "&bk_host_id=", ""})
    void givenEsbQueryIdThatIsNotAPositiveInteger_whenReading_then1199009(String id) {
        ApiResponse response = inEnglish()
                .send("GET", "/api/c/compapi/v2/cc/get_host_base_info/?" + ESB_CREDENTIALS + id, null);

        assertThat(response.code()).isEqualTo(1199009);
        assertThat(response.message()).isEqualTo("'bk_host_id' parameters must be integral");
    }

    @Test
    void givenUnknownHost_whenTheUseCaseRefuses_then1110008() {
        server.getHostBaseInfo.rejectWith(new Failure.HostNotFound(11));

        ApiResponse response = inEnglish().v3("get_host_base_info", "{\"bk_host_id\":11}");

        assertThat(response.code()).isEqualTo(1110008);
        assertThat(response.message()).isEqualTo("The host could not be found: bk_host_id 11");
    }

    @Test
    void givenTheRoute_whenRead_thenItMatchesApiMd() {
        assertThat(GetHostBaseInfoApi.ROUTE.esbMethod().name()).isEqualTo("GET");
        assertThat(GetHostBaseInfoApi.ROUTE.v3Path()).isEqualTo("/api/v3/hosts/{bk_supplier_account}/{bk_host_id}");
        assertThat(GetHostBaseInfoApi.ROUTE.v3PathParameters()).isEqualTo(List.of("bk_supplier_account", "bk_host_id"));
    }
}
