package dev.hostclone.adapter.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.ServerTest;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.domain.failure.Failure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CreateCloudAreaApiTest extends ServerTest {

    private static final String API = "create_cloud_area";

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenNameAndVendor_whenCreatingThroughEitherDoor_thenTheFieldsReachTheUseCaseAndDataNamesTheNewId(Door door) {
        ApiResponse response = client().call(door, API, "{\"bk_cloud_name\":\"aws\",\"bk_cloud_vendor\":\"1\",\"bk_account_id\":7}");

        assertData(response, "{\"created\":{\"origin_index\":0,\"id\":2}}");
        assertThat(server.createCloudArea.onlyCall().input().fields())
                .isEqualTo(Map.of("bk_cloud_name", "aws", "bk_cloud_vendor", "1", "bk_account_id", 7L));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"bk_cloud_name\":5}|'bk_cloud_name' must be a string",
            "{\"bk_cloud_name\":\"aws\",\"bk_region\":{\"id\":1}}|'bk_region' must be a string, number, boolean, array or null"})
    void givenFieldOfTheWrongJsonType_whenCreating_then1199000NamingIt(String body, String expected) {
        ApiResponse response = inEnglish().v3(API, body);

        assertRefused(response, 1199000, "Deserializing JSON data failed: field " + expected);
        assertThat(server.createCloudArea.calls()).isEmpty();
    }

    @Test
    void givenNameTaken_whenTheUseCaseRefuses_then1199014NamingNameAndValue() {
        server.createCloudArea.rejectWith(new Failure.Duplicated(List.of("bk_cloud_name"), List.of("aws")));

        ApiResponse response = inEnglish().esb(API, "{\"bk_cloud_name\":\"aws\"}");

        assertRefused(response, 1199014, "duplicated instances exist, fields [bk_cloud_name] duplicated: values ['aws']");
    }

    @Test
    void givenTheRoute_whenRead_thenItMatchesApiMd() {
        assertThat(CreateCloudAreaApi.ROUTE.v3Method().name()).isEqualTo("POST");
        assertThat(CreateCloudAreaApi.ROUTE.v3Path()).isEqualTo("/api/v3/create/cloudarea");
    }
}
