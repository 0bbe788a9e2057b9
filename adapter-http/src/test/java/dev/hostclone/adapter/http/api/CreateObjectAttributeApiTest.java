package dev.hostclone.adapter.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.ServerTest;
import dev.hostclone.application.port.in.CreateObjectAttributeCommand;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.OrderedMap;
import dev.hostclone.domain.failure.Failure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CreateObjectAttributeApiTest extends ServerTest {

    private static final String API = "create_object_attribute";
    private static final String RACK_UNITS = "{\"bk_obj_id\":\"host\",\"bk_property_id\":\"rack_units\","
            + "\"bk_property_name\":\"机架U数\",\"bk_property_type\":\"int\",\"option\":{\"min\":1,\"max\":42},"
            + "\"editable\":true,\"unit\":\"U\"}";

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenIntAttribute_whenCreatingThroughEitherDoor_thenTheDefinitionAsSentReachesTheUseCaseAsGlobal(Door door) {
        ApiResponse response = client().call(door, API, RACK_UNITS);

        assertData(response, "{\"id\":100,\"bk_obj_id\":\"host\",\"bk_property_id\":\"rack\","
                + "\"bk_property_name\":\"机架\",\"bk_property_group\":\"default\",\"bk_property_group_name\":\"基础信息\","
                + "\"bk_property_type\":\"singlechar\","
                + "\"option\":\"\","
                + "\"default\":null,\"ismultiple\":false,\"bk_property_index\":0,\"description\":\"\","
                + "\"unit\":\"\",\"placeholder\":\"\",\"editable\":true,\"ispre\":false,"
                + "\"isrequired\":false,\"isreadonly\":false,\"isonly\":false,\"bk_issystem\":false,\"bk_isapi\":false,"
                + "\"bk_biz_id\":0,\"bk_template_id\":0,\"creator\":\"admin\",\"create_time\":\"2026-01-01T00:00:00Z\","
                + "\"last_time\":\"2026-01-01T00:00:00Z\",\"bk_supplier_account\":\"0\"}");
        CreateObjectAttributeCommand creation = server.createObjectAttribute.onlyCall().input();
        assertThat(creation.business()).isNull();
        assertThat(creation.definition()).containsExactlyEntriesOf(OrderedMap.of("bk_obj_id", "host", "bk_property_id", "rack_units",
                "bk_property_name", "机架U数", "bk_property_type", "int", "option", Map.of("min", 1L, "max", 42L),
                "editable", true, "unit", "U"));
    }

    @Test
    void givenEnumOptionAndEnglish_whenCreating_thenTheOptionKeepsItsShapeAndTheAnswerIsInEnglish() {
        ApiResponse response = inEnglish().esb(API, "{\"bk_obj_id\":\"host\",\"bk_property_id\":\"tier\","
                + "\"bk_property_type\":\"enum\",\"option\":[{\"id\":\"1\",\"name\":\"gold\",\"type\":\"text\","
                + "\"is_default\":true}],\"default\":null}");

        assertThat(response.data().get("bk_property_name").textValue()).isEqualTo("Rack");
        assertThat(server.createObjectAttribute.onlyCall().input().definition())
                .containsEntry("option", List.of(Map.of("id", "1", "name", "gold", "type", "text", "is_default", true)))
                .containsEntry("default", null);
    }

    @Test
    void givenModelAndBusiness_whenCreating_thenBothStayInTheDefinitionForTheDomainToJudge() {
        client().esb(API, "{\"bk_obj_id\":\"biz\",\"bk_property_id\":\"rack\",\"bk_biz_id\":2}");

        CreateObjectAttributeCommand creation = server.createObjectAttribute.onlyCall().input();
        assertThat(creation.business()).isNull();
        assertThat(creation.definition()).containsExactlyEntriesOf(
                OrderedMap.of("bk_obj_id", "biz", "bk_property_id", "rack", "bk_biz_id", 2L));
    }

    @Test
    void givenTheDomainRefusesTheModel_whenCreating_then1199011NamingBkObjId() {
        server.createObjectAttribute.rejectWith(new Failure.InvalidCombination("bk_obj_id"));

        assertRefused(inEnglish().v3(API, "{\"bk_obj_id\":\"biz\"}"), 1199011,
                "'bk_obj_id' the parameter is invalid or does not exist");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"bk_obj_id\":[\"host\"]}|'bk_obj_id' must be a string",
            "{\"bk_obj_id\":\"host\",\"bk_property_id\":[\"x\"]}|'bk_property_id' must be a string",
            "{\"bk_obj_id\":\"host\",\"bk_property_name\":1}|'bk_property_name' must be a string",
            "{\"bk_obj_id\":\"host\",\"bk_property_type\":true}|'bk_property_type' must be a string",
            "{\"bk_obj_id\":\"host\",\"isrequired\":\"false\"}|'isrequired' must be a boolean",
            "{\"bk_obj_id\":\"host\",\"editable\":1}|'editable' must be a boolean",
            "{\"bk_obj_id\":\"host\",\"bk_template_id\":\"0\"}|'bk_template_id' must be an integer",
            "{\"bk_obj_id\":\"host\",\"bk_biz_id\":\"0\"}|'bk_biz_id' must be an integer",
            "{\"bk_obj_id\":\"host\",\"option\":{\"max\":1e400}}|'option.max' must be a number within the 64-bit integer range or a finite decimal"})
    void givenFieldOfTheWrongJsonType_whenCreating_then1199000NamingIt(String body, String expected) {
        ApiResponse response = inEnglish().esb(API, body);

        assertRefused(response, 1199000, "Deserializing JSON data failed: field " + expected);
        assertThat(server.createObjectAttribute.calls()).isEmpty();
    }

    @Test
    void givenRequiredAttribute_whenTheUseCaseRefuses_then1113026InEitherLanguage() {
        server.createObjectAttribute.rejectWith(new Failure.AttributeNotAllowed("isrequired", true));
        String body = "{\"bk_obj_id\":\"host\",\"bk_property_id\":\"rack\",\"isrequired\":true}";

        assertRefused(inEnglish().esb(API, body), 1113026, "model [host] does not allow create required fields");
        assertRefused(client().v3(API, body), 1113026, "模型 [host] 不允许创建必填字段");
    }

    @Test
    void givenAnotherFlagTheHostModelRefuses_whenTheUseCaseRefuses_then1199006NamingIt() {
        server.createObjectAttribute.rejectWith(new Failure.AttributeNotAllowed("isonly", true));
        String body = "{\"bk_obj_id\":\"host\",\"bk_property_id\":\"rack\",\"isonly\":true}";

        assertRefused(inEnglish().esb(API, body), 1199006,
                "'isonly' data parameter verification does not pass: true is not an allowed value");
        assertRefused(client().esb(API, body), 1199006, "'isonly' 数据参数校验不通过: true 不是允许的值");
    }

    @Test
    void givenIntWithoutOption_whenTheUseCaseRefuses_then1199008InEitherLanguage() {
        server.createObjectAttribute.rejectWith(new Failure.CannotBeOmitted("option"));
        String body = "{\"bk_obj_id\":\"host\",\"bk_property_id\":\"rack\",\"bk_property_type\":\"int\"}";

        assertRefused(inEnglish().esb(API, body), 1199008, "'option' cannot be omitted");
        assertRefused(client().esb(API, body), 1199008, "'option' 不能省略");
    }

    @Test
    void givenTheRoute_whenRead_thenItMatchesApiMd() {
        assertThat(CreateObjectAttributeApi.ROUTE.v3Method().name()).isEqualTo("POST");
        assertThat(CreateObjectAttributeApi.ROUTE.v3Path()).isEqualTo("/api/v3/create/objectattr");
    }
}
