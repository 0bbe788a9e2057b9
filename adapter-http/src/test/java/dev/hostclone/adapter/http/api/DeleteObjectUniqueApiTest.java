package dev.hostclone.adapter.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.ServerTest;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.FakeBackedServer;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class DeleteObjectUniqueApiTest extends ServerTest {

    private static final String API = "delete_object_unique";

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenRuleId_whenDeletingThroughEitherDoor_thenTheUseCaseGetsItAndDataIsNull(Door door) {
        ApiResponse response = client().call(door, API, "{\"id\":5}");

        assertData(response, "null");
        assertThat(server.deleteObjectUnique.onlyCall().input().ruleId()).isEqualTo(5L);
    }

    @Test
    void givenRawV3Post_whenDeleting_thenThePathCarriesTheId() {
        ApiResponse response = client().send("POST", "/api/v3/delete/objectunique/object/host/unique/7", "{}", V3_AUTHORIZATION);

        assertData(response, "null");
        assertThat(server.deleteObjectUnique.onlyCall().input().ruleId()).isEqualTo(7L);
    }

    /**
     * BlueKing's handler reads nothing from the body: a v3 POST without one deletes as with {@code {}} (until
     * 2026-12-07 1199000, the body not an object). The ESB door's body holds the credentials, and another API's
     * v3 door its fields: each still refuses none.
     */
    @Test
    void givenRawV3PostWithNoBody_whenDeleting_thenAnsweredAsWithAnEmptyObject() {
        ApiResponse response = client().send("POST", "/api/v3/delete/objectunique/object/host/unique/7", null,
                V3_AUTHORIZATION);

        assertData(response, "null");
        assertThat(server.deleteObjectUnique.onlyCall().input().ruleId()).isEqualTo(7L);
        assertThat(client().send("POST", "/api/c/compapi/v2/cc/delete_object_unique/", null).code()).isEqualTo(1199000);
        assertThat(client().send("POST", "/api/v3/find/audit", null, V3_AUTHORIZATION).code()).isEqualTo(1199000);
    }

    /**
     * A door that takes a JSON body reads no parameter from the query string (API.md §1): {@code ?id=12}
     * took precedence over the body's 13, and deleted rule 12. The v3 path's id is the API's, whatever the
     * query string says.
     */
    @Test
    void givenAnIdInTheQueryStringBesideTheBodysOrThePaths_whenDeleting_thenTheQueryStringIsIgnored() {
        String credentials = "\"bk_app_code\":\"" + FakeBackedServer.APP_CODE + "\",\"bk_app_secret\":\""
                + FakeBackedServer.APP_SECRET + "\",\"bk_username\":\"admin\"";

        assertData(client().send("POST", "/api/c/compapi/v2/cc/delete_object_unique/?id=12",
                "{" + credentials + ",\"bk_obj_id\":\"host\",\"id\":13}"), "null");
        assertData(client().send("POST", "/api/v3/delete/objectunique/object/host/unique/7?id=9", "{}", V3_AUTHORIZATION),
                "null");

        assertThat(server.deleteObjectUnique.calls()).extracting(call -> call.input().ruleId()).containsExactly(13L, 7L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"abc|1199009|'id' parameters must be integral", "0|1199010|'id' unassigned",
            "-3|1199009|'id' parameters must be integral"})
    void givenPathIdThatIsNotAPositiveInteger_whenDeleting_thenRefused(String id, long code, String message) {
        ApiResponse response = inEnglish().send("POST", "/api/v3/delete/objectunique/object/host/unique/" + id, "{}",
                V3_AUTHORIZATION);

        assertRefused(response, code, message);
        assertThat(server.deleteObjectUnique.calls()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}|1199010|'id' unassigned",
            "{\"id\":\"5\"}|1199000|Deserializing JSON data failed: field 'id' must be an integer",
            "{\"id\":5,\"bk_obj_id\":\"set\"}|1199011|'bk_obj_id' the parameter is invalid or does not exist"})
    void givenEsbBodyWithoutAUsableId_whenDeleting_thenRefused(String body, long code, String message) {
        assertRefused(inEnglish().esb(API, body), code, message);
    }

    @Test
    void givenBuiltInRule_whenTheUseCaseRefuses_then1101167() {
        server.deleteObjectUnique.rejectWith(new Failure.Forbidden("id", InvalidReason.BUILT_IN, 1L));

        assertRefused(inEnglish().esb(API, "{\"id\":1}"), 1101167, "built-in items cannot be changed or deleted: 'id' 1");
    }

    @Test
    void givenTheRoute_whenRead_thenItMatchesApiMd() {
        assertThat(DeleteObjectUniqueApi.ROUTE.v3Method().name()).isEqualTo("POST");
        assertThat(DeleteObjectUniqueApi.ROUTE.v3Path()).isEqualTo("/api/v3/delete/objectunique/object/host/unique/{id}");
    }
}
