package dev.hostclone.adapter.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.ServerTest;
import dev.hostclone.application.port.in.CreateObjectAttributeCommand;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.domain.business.BusinessId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CreateBizCustomFieldApiTest extends ServerTest {

    private static final String API = "create_biz_custom_field";

    @BeforeEach
    void theStoredFieldBelongsToBusinessTwo() {
        server.createObjectAttribute.succeedWith(SearchObjectAttributeApiTest.RACK);
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenBusinessInBodyOrPath_whenCreatingThroughEitherDoor_thenTheUseCaseGetsItWithTheDefinition(Door door) {
        ApiResponse response = client().call(door, API,
                "{\"bk_biz_id\":2,\"bk_obj_id\":\"host\",\"bk_property_id\":\"rack\",\"bk_property_type\":\"singlechar\"}");

        assertData(response, SearchObjectAttributeApiTest.RACK_IN_CHINESE);
        CreateObjectAttributeCommand creation = server.createObjectAttribute.onlyCall().input();
        assertThat(creation.business()).isEqualTo(BusinessId.of(2));
        assertThat(creation.definition()).containsEntry("bk_obj_id", "host").containsEntry("bk_property_id", "rack")
                .containsEntry("bk_property_type", "singlechar");
    }

    @Test
    void givenBusinessInPathAndBody_whenCreatingThroughV3_thenThePathNamesTheBusinessAndTheBodyValueIsLeftToCompare() {
        client().send("POST", "/api/v3/create/objectattr/biz/3",
                "{\"bk_biz_id\":2,\"bk_obj_id\":\"host\",\"bk_property_id\":\"rack\"}", V3_AUTHORIZATION);

        CreateObjectAttributeCommand creation = server.createObjectAttribute.onlyCall().input();
        assertThat(creation.business()).isEqualTo(BusinessId.of(3));
        assertThat(creation.definition()).containsEntry("bk_biz_id", 2L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "abc|1199009|'bk_biz_id' parameters must be integral",
            "2.5|1199009|'bk_biz_id' parameters must be integral",
            "-1|1199009|'bk_biz_id' parameters must be integral",
            "0|1199010|'bk_biz_id' unassigned"})
    void givenPathBusinessThatIsNotAPositiveInteger_whenCreating_thenRefusedBeforeTheUseCase(String business, long code,
                                                                                           String message) {
        ApiResponse response = inEnglish().send("POST", "/api/v3/create/objectattr/biz/" + business,
                "{\"bk_obj_id\":\"host\",\"bk_property_id\":\"rack\"}", V3_AUTHORIZATION);

        assertRefused(response, code, message);
        assertThat(server.createObjectAttribute.calls()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "|1199010|'bk_biz_id' unassigned",
            "\"bk_biz_id\":0,|1199010|'bk_biz_id' unassigned",
            "\"bk_biz_id\":-2,|1199009|'bk_biz_id' parameters must be integral",
            "\"bk_biz_id\":\"2\",|1199000|Deserializing JSON data failed: field 'bk_biz_id' must be an integer"})
    void givenEsbBodyWithoutAPositiveBusiness_whenCreating_thenRefusedNamingBkBizId(String business, long code, String message) {
        ApiResponse response = inEnglish().esb(API, "{" + (business == null ? "" : business)
                + "\"bk_obj_id\":\"host\",\"bk_property_id\":\"rack\"}");

        assertRefused(response, code, message);
    }

    @Test
    void givenTheRoute_whenRead_thenItMatchesApiMd() {
        assertThat(CreateBizCustomFieldApi.ROUTE.v3Method().name()).isEqualTo("POST");
        assertThat(CreateBizCustomFieldApi.ROUTE.v3Path()).isEqualTo("/api/v3/create/objectattr/biz/{bk_biz_id}");
    }
}
