package dev.hostclone.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.testkit.ApiResponse;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest extends ServerTest {

    private static final String ESB_CLONE = "/api/c/compapi/v2/cc/clone_host_property/";
    private static final String CREDENTIALS =
            "\"bk_app_code\":\"cmdb-caller\",\"bk_app_secret\":\"s3cret-Value!\",\"bk_username\":\"admin\"";

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "{\"bk_biz_id\":2", "", "{\"a\":1} trailing", "{\"a\":1}{\"b\":2}"})
    void givenBodyThatIsNotOneJsonValue_whenCalled_then1199000(String body) {
        ApiResponse response = inEnglish().send("POST", ESB_CLONE, body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.code()).isEqualTo(1199000);
        assertThat(response.message()).startsWith("Deserializing JSON data failed: ");
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    @Test
    void givenMalformedJson_whenCalled_thenTheMessageLocatesTheErrorWithoutParserText() {
        ApiResponse response = inEnglish().send("POST", ESB_CLONE, "{\"bk_biz_id\": 2,, }");

        assertThat(response.message()).matches("Deserializing JSON data failed: the body is not valid JSON \\(line 1, column \\d+\\)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"bk_biz_id\":2}]", "2", "\"text\"", "true", "null"})
    void givenBodyThatIsJsonButNotAnObject_whenCalled_then1199000(String body) {
        ApiResponse response = inEnglish().send("POST", ESB_CLONE, body);

        assertThat(response.code()).isEqualTo(1199000);
        assertThat(response.message()).isEqualTo("Deserializing JSON data failed: the body must be a JSON object");
    }

    /** Jackson would read these, detecting their encoding; BlueKing's decoder reads UTF-8 only, as RFC 8259 asks. */
    @ParameterizedTest
    @ValueSource(strings = {"UTF-16LE", "UTF-16BE", "UTF-16", "UTF-32LE", "UTF-32BE"})
    void givenAValidRequestInAnotherUnicodeEncoding_whenCalled_then1199000AndNoCall(String encoding) {
        byte[] body = ("{" + CREDENTIALS + ",\"bk_biz_id\":2,\"bk_org_id\":10,\"bk_dst_id\":11}")
                .getBytes(Charset.forName(encoding));

        ApiResponse response = inEnglish().sendBytes("POST", ESB_CLONE, body, Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.code()).isEqualTo(1199000);
        assertThat(response.message())
                .isEqualTo("Deserializing JSON data failed: the body must be JSON in UTF-8, and it holds a zero byte");
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    @Test
    void givenDuplicateKey_whenCalled_then1199000NamingTheKey() {
        ApiResponse response = inEnglish().send("POST", ESB_CLONE, "{" + CREDENTIALS + ",\"bk_biz_id\":2,\"bk_biz_id\":3}");

        assertThat(response.code()).isEqualTo(1199000);
        assertThat(response.message()).isEqualTo("Deserializing JSON data failed: key 'bk_biz_id' appears more than once");
        assertThat(server.cloneHostProperty.calls()).as("the use case never called").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2\"", "2.5", "2.0", "true", "1e30", "99999999999999999999", "[2]", "{\"v\":2}"})
    void givenIntegerFieldOfAnotherJsonType_whenCalled_then1199000NamingTheField(String value) {
        ApiResponse response = inEnglish().esb("clone_host_property", "{\"bk_biz_id\":" + value + ",\"bk_org_id\":1,\"bk_dst_id\":2}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.code()).isEqualTo(1199000);
        assertThat(response.message()).isEqualTo("Deserializing JSON data failed: field 'bk_biz_id' must be an integer");
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "true", "[\"10.0.0.1\"]", "{\"ip\":\"10.0.0.1\"}"})
    void givenStringFieldOfAnotherJsonType_whenCalled_then1199000NamingTheField(String value) {
        ApiResponse response = inEnglish().esb("clone_host_property",
                "{\"bk_biz_id\":2,\"bk_org_ip\":" + value + ",\"bk_dst_ip\":\"10.0.0.2\"}");

        assertThat(response.code()).isEqualTo(1199000);
        assertThat(response.message()).isEqualTo("Deserializing JSON data failed: field 'bk_org_ip' must be a string");
    }

    @Test
    void givenLongMaxValue_whenCalled_thenItIsAcceptedAsAnInteger() {
        ApiResponse response = client().esb("clone_host_property",
                "{\"bk_biz_id\":9223372036854775807,\"bk_org_id\":1,\"bk_dst_id\":2}");

        assertThat(response.code()).isZero();
        assertThat(server.cloneHostProperty.onlyCall().input().business().value()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void givenNullForAnOptionalField_whenCalled_thenItCountsAsAbsent() {
        ApiResponse response = client().esb("clone_host_property",
                "{\"bk_biz_id\":2,\"bk_cloud_id\":null,\"bk_org_ip\":null,\"bk_org_id\":10,\"bk_dst_id\":11}");

        assertThat(response.code()).isZero();
        assertThat(server.cloneHostProperty.onlyCall().input().cloud().value()).isZero();
    }

    @Test
    void givenHostAttributesOfEveryJsonKind_whenAdded_thenTheUseCaseGetsTheDomainValueSet() {
        ApiResponse response = client().esb("add_host_to_business_idle", "{\"bk_biz_id\":3,\"bk_host_list\":[{"
                + "\"bk_host_innerip\":\"10.0.0.1\",\"bk_cloud_id\":0,\"bk_mem\":4096,\"bk_cpu_ratio\":2.5,"
                + "\"flag\":true,\"tags\":[\"a\",1,2.5,false,null,[\"nested\"]],\"bk_comment\":null}]}");

        assertThat(response.code()).isZero();
        Map<String, Object> host = server.addHostsToBusinessIdle.onlyCall().input().hosts().get(0);
        assertThat(host.get("bk_host_innerip")).isEqualTo("10.0.0.1");
        assertThat(host.get("bk_cloud_id")).isEqualTo(0L);
        assertThat(host.get("bk_mem")).isEqualTo(4096L);
        assertThat(host.get("bk_cpu_ratio")).isEqualTo(2.5d);
        assertThat(host.get("flag")).isEqualTo(Boolean.TRUE);
        assertThat(host.get("tags")).isEqualTo(java.util.Arrays.asList("a", 1L, 2.5d, false, null, List.of("nested")));
        assertThat(host).containsEntry("bk_comment", null);
    }

    @Test
    void givenNestedObjectAsAttributeValue_whenAdded_then1199000NamingTheKey() {
        ApiResponse response = inEnglish().esb("add_host_to_business_idle", "{\"bk_biz_id\":3,\"bk_host_list\":["
                + "{\"bk_host_innerip\":\"10.0.0.1\",\"bk_cloud_id\":0},"
                + "{\"bk_host_innerip\":\"10.0.0.2\",\"bk_cloud_id\":0,\"bk_comment\":{\"text\":\"x\"}}]}");

        assertThat(response.code()).isEqualTo(1199000);
        assertThat(response.message()).isEqualTo(
                "Deserializing JSON data failed: field 'bk_host_list[1].bk_comment' must be a string, number, boolean, array or null");
        assertThat(server.addHostsToBusinessIdle.calls()).isEmpty();
    }

    @Test
    void givenObjectInsideAnAttributeArray_whenAdded_then1199000NamingTheItem() {
        ApiResponse response = inEnglish().esb("add_host_to_business_idle",
                "{\"bk_biz_id\":3,\"bk_host_list\":[{\"tags\":[\"a\",{\"b\":1}]}]}");

        assertThat(response.code()).isEqualTo(1199000);
        assertThat(response.message()).isEqualTo("Deserializing JSON data failed: field 'bk_host_list[0].tags[1]'"
                + " must be a string, number, boolean, array or null");
        assertThat(server.addHostsToBusinessIdle.calls()).as("the use case never called").isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "99999999999999999999|must be a number within the 64-bit integer range or a finite decimal",
            "1e400|must be a number within the 64-bit integer range or a finite decimal"})
    void givenAttributeNumberOutOfRange_whenAdded_then1199000NamingTheKey(String value, String expected) {
        ApiResponse response = inEnglish().esb("add_host_to_business_idle",
                "{\"bk_biz_id\":3,\"bk_host_list\":[{\"bk_mem\":" + value + "}]}");

        assertThat(response.code()).isEqualTo(1199000);
        assertThat(response.message()).isEqualTo("Deserializing JSON data failed: field 'bk_host_list[0].bk_mem' " + expected);
    }

    @Test
    void givenChineseLanguage_whenWrongType_thenChineseMessageNamesTheField() {
        ApiResponse response = client().esb("clone_host_property", "{\"bk_biz_id\":\"2\"}");

        assertThat(response.message()).isEqualTo("反序列化JSON数据失败: 字段 'bk_biz_id' 必须是整数");
    }

    @Test
    void givenWrongTypeOnTheV3Door_whenCalled_thenSame1199000() {
        ApiResponse response = inEnglish().v3("clone_host_property", "{\"bk_biz_id\":true}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.code()).isEqualTo(1199000);
        assertThat(response.message()).isEqualTo("Deserializing JSON data failed: field 'bk_biz_id' must be an integer");
        assertThat(server.cloneHostProperty.calls()).as("the use case never called").isEmpty();
    }

    @Test
    void givenMalformedBodyOnTheV3Door_whenCalled_then1199000() {
        ApiResponse response = inEnglish().send("PUT", "/api/v3/hosts/property/clone", "{oops", V3_AUTHORIZATION);

        assertThat(response.code()).isEqualTo(1199000);
        assertThat(response.message()).isEqualTo("Deserializing JSON data failed: the body is not valid JSON (line 1, column 2)");
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    /**
     * {@code curl -d} declares a form; read as one, a {@code %} not followed by two hex digits failed.
     * Every declared type, forms included and however it is spelled, gets the body read as JSON.
     */
    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", " Application/X-WWW-Form-Urlencoded; charset=UTF-8",
            "multipart/form-data; boundary=x", "text/plain"})
    void givenAJsonBodyDeclaredAsAnotherType_whenCalled_thenItIsReadAsJson(String declared) {
        ApiResponse response = inEnglish().send("POST", "/api/c/compapi/v2/cc/batch_update_host/",
                "{" + CREDENTIALS + ",\"update\":[{\"bk_host_id\":46,\"properties\":{\"bk_comment\":\"disk at 100%\"}}]}",
                Map.of("Content-Type", declared));

        assertThat(response.code()).isZero();
        assertThat(server.batchUpdateHost.onlyCall().input().updates().get(0).properties())
                .containsEntry("bk_comment", "disk at 100%");
    }
}
