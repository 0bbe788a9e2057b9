package dev.hostclone.adapter.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.ServerTest;
import dev.hostclone.application.port.in.SearchObjectAttributeQuery;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.AttributeType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SearchObjectAttributeApiTest extends ServerTest {

    private static final String API = "search_object_attribute";
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    static final Attribute CPU = new Attribute(9, "bk_cpu", "CPU逻辑核心数", "CPU Logical Cores", "hardware",
            AttributeType.INT, Map.of("min", 1L), true, true, false, false, false, null, "核", "", "cc_system", CREATED);
    static final Attribute RACK = new Attribute(100, "rack", "机架", "", "bizdefault", AttributeType.SINGLECHAR, null,
            true, false, false, false, false, BusinessId.of(2), "", "R-01", "alice", CREATED);

    static final String CPU_IN_CHINESE = "{\"id\":9,\"bk_obj_id\":\"host\",\"bk_property_id\":\"bk_cpu\","
            + "\"bk_property_name\":\"CPU逻辑核心数\",\"bk_property_group\":\"hardware\","
            + "\"bk_property_group_name\":\"hardware\",\"bk_property_type\":\"int\","
            + "\"option\":{\"min\":1},"
            + "\"default\":null,\"ismultiple\":false,\"bk_property_index\":0,\"description\":\"\","
            + "\"unit\":\"核\",\"placeholder\":\"\",\"editable\":true,\"ispre\":true,"
            + "\"isrequired\":false,\"isreadonly\":false,\"isonly\":false,\"bk_issystem\":false,\"bk_isapi\":false,"
            + "\"bk_biz_id\":0,\"bk_template_id\":0,\"creator\":\"cc_system\",\"create_time\":\"2026-01-01T00:00:00Z\","
            + "\"last_time\":\"2026-01-01T00:00:00Z\",\"bk_supplier_account\":\"0\"}";
    static final String RACK_IN_CHINESE = "{\"id\":100,\"bk_obj_id\":\"host\",\"bk_property_id\":\"rack\","
            + "\"bk_property_name\":\"机架\",\"bk_property_group\":\"bizdefault\","
            + "\"bk_property_group_name\":\"业务自定义分组\",\"bk_property_type\":\"singlechar\","
            + "\"option\":\"\","
            + "\"default\":null,\"ismultiple\":false,\"bk_property_index\":0,\"description\":\"\","
            + "\"unit\":\"\",\"placeholder\":\"R-01\",\"editable\":true,\"ispre\":false,"
            + "\"isrequired\":false,\"isreadonly\":false,\"isonly\":false,\"bk_issystem\":false,\"bk_isapi\":false,"
            + "\"bk_biz_id\":2,\"bk_template_id\":0,\"creator\":\"alice\",\"create_time\":\"2026-01-01T00:00:00Z\","
            + "\"last_time\":\"2026-01-01T00:00:00Z\",\"bk_supplier_account\":\"0\"}";

    @BeforeEach
    void aGlobalAttributeAndACustomField() {
        server.searchObjectAttribute.succeedWith(List.of(CPU, RACK));
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenHostAndBusiness_whenSearchingThroughEitherDoor_thenAttributesInBlueKingsShapeWithChineseNames(Door door) {
        ApiResponse response = client().call(door, API, "{\"bk_obj_id\":\"host\",\"bk_biz_id\":2}");

        assertData(response, "[" + CPU_IN_CHINESE + "," + RACK_IN_CHINESE + "]");
        assertThat(server.searchObjectAttribute.onlyCall().input()).isEqualTo(new SearchObjectAttributeQuery(BusinessId.of(2), Map.of()));
    }

    @Test
    void givenEnglish_whenSearching_thenEnglishNamesWhereTheAttributeHasOne() {
        ApiResponse response = inEnglish().esb(API, "{\"bk_obj_id\":\"host\"}");

        assertThat(response.data().findValuesAsText("bk_property_name")).containsExactly("CPU Logical Cores", "机架");
        // a group BlueKing makes is named in the request's language, another by its id
        assertThat(response.data().findValuesAsText("bk_property_group_name"))
                .containsExactly("hardware", "Business Custom Group");
    }

    @Test
    void givenFurtherConditionsAndAPage_whenSearching_thenTheConditionsFilterAndThePageIsNotACondition() {
        client().esb(API, "{\"bk_obj_id\":\"host\",\"bk_property_type\":\"int\",\"editable\":true,"
                + "\"page\":{\"start\":0,\"limit\":10}}");

        assertThat(server.searchObjectAttribute.onlyCall().input())
                .isEqualTo(new SearchObjectAttributeQuery(null, Map.of("bk_property_type", "int", "editable", true)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"bk_biz_id\":0,", ""})
    void givenNoBusinessOrZero_whenSearching_thenGlobalAttributesOnly(String business) {
        client().v3(API, "{" + business + "\"bk_obj_id\":\"host\"}");

        assertThat(server.searchObjectAttribute.onlyCall().input().business()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"bk_obj_id\":\"set\"}", "{\"bk_obj_id\":\"\"}", "{}", "{\"bk_biz_id\":2}"})
    void givenModelOtherThanHost_whenSearching_then1199011NamingBkObjId(String body) {
        ApiResponse response = inEnglish().esb(API, body);

        assertRefused(response, 1199011, "'bk_obj_id' the parameter is invalid or does not exist");
        assertThat(server.searchObjectAttribute.calls()).isEmpty();
    }

    @Test
    void givenNegativeBusiness_whenSearching_then1199009() {
        assertRefused(inEnglish().esb(API, "{\"bk_obj_id\":\"host\",\"bk_biz_id\":-2}"), 1199009,
                "'bk_biz_id' parameters must be integral");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"bk_obj_id\":1}|'bk_obj_id' must be a string",
            "{\"bk_obj_id\":\"host\",\"bk_biz_id\":\"2\"}|'bk_biz_id' must be an integer",
            "{\"bk_obj_id\":\"host\",\"bk_property_id\":7}|'bk_property_id' must be a string",
            "{\"bk_obj_id\":\"host\",\"editable\":\"true\"}|'editable' must be a boolean",
            "{\"bk_obj_id\":\"host\",\"id\":\"9\"}|'id' must be an integer",
            "{\"bk_obj_id\":\"host\",\"unit\":{\"a\":1}}|'unit' must be a string"})
    void givenFieldOfTheWrongJsonType_whenSearching_then1199000NamingIt(String body, String expected) {
        ApiResponse response = inEnglish().v3(API, body);

        assertRefused(response, 1199000, "Deserializing JSON data failed: field " + expected);
    }

    @Test
    void givenTheRoute_whenRead_thenItMatchesApiMd() {
        assertThat(SearchObjectAttributeApi.ROUTE.v3Method().name()).isEqualTo("POST");
        assertThat(SearchObjectAttributeApi.ROUTE.v3Path()).isEqualTo("/api/v3/find/objectattr");
    }
}
