package dev.hostclone.adapter.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.ServerTest;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.domain.model.UniqueRule;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SearchObjectUniqueApiTest extends ServerTest {

    private static final String API = "search_object_unique";

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenABuiltInAndADeletableRule_whenSearchingThroughEitherDoor_thenBothInBlueKingsShape(Door door) {
        server.searchObjectUnique.succeedWith(List.of(
                new UniqueRule(1, List.of(1L, 7L), true, true, Instant.parse("2026-01-01T00:00:00Z")),
                new UniqueRule(5, List.of(2L), false, false, Instant.parse("2026-02-03T04:05:06.789123Z"))));

        ApiResponse response = client().call(door, API, "{}");

        assertData(response, "[{\"id\":1,\"bk_obj_id\":\"host\",\"keys\":[{\"key_kind\":\"property\",\"key_id\":1},"
                + "{\"key_kind\":\"property\",\"key_id\":7}],\"ispre\":true,\"bk_supplier_account\":\"0\",\"bk_template_id\":0,"
                + "\"last_time\":\"2026-01-01T00:00:00Z\"},"
                + "{\"id\":5,\"bk_obj_id\":\"host\",\"keys\":[{\"key_kind\":\"property\",\"key_id\":2}],\"ispre\":false,"
                + "\"bk_supplier_account\":\"0\",\"bk_template_id\":0,\"last_time\":\"2026-02-03T04:05:06.789Z\"}]");
        assertThat(server.searchObjectUnique.calls()).hasSize(1);
    }

    /** BlueKing's handler reads nothing from the body: a v3 POST without one is answered (until 2026-12-07 1199000). */
    @Test
    void givenRawV3PostWithNoBody_whenSearching_thenAnswered() {
        assertData(client().send("POST", "/api/v3/find/objectunique/object/host", null, V3_AUTHORIZATION), "[]");
    }

    @Test
    void givenHostRepeatedInTheBody_whenSearching_thenAnswered() {
        assertData(client().esb(API, "{\"bk_obj_id\":\"host\"}"), "[]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"bk_obj_id\":\"set\"}", "{\"bk_obj_id\":\"\"}"})
    void givenAnotherModelInTheBody_whenSearching_then1199011(String body) {
        assertRefused(inEnglish().esb(API, body), 1199011, "'bk_obj_id' the parameter is invalid or does not exist");
        assertThat(server.searchObjectUnique.calls()).isEmpty();
    }

    @Test
    void givenModelOfTheWrongJsonType_whenSearching_then1199000() {
        assertRefused(inEnglish().esb(API, "{\"bk_obj_id\":3}"), 1199000,
                "Deserializing JSON data failed: field 'bk_obj_id' must be a string");
    }

    @Test
    void givenTheRoute_whenRead_thenItMatchesApiMd() {
        assertThat(SearchObjectUniqueApi.ROUTE.v3Method().name()).isEqualTo("POST");
        assertThat(SearchObjectUniqueApi.ROUTE.v3Path()).isEqualTo("/api/v3/find/objectunique/object/host");
    }
}
