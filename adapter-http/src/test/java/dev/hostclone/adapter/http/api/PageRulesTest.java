package dev.hostclone.adapter.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.json.JsonFields;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.query.PageRequest;
import dev.hostclone.adapter.http.testkit.JsonObjects;
import org.junit.jupiter.api.Test;

/** BlueKing's page object as the search APIs read it; each bound of its own tried at and past it. */
class PageRulesTest {

    private final PageRules defaulted = PageRules.limitDefaults(20, "id");
    private final PageRules required = PageRules.limitRequired("-time");

    @Test
    void givenNoPageOrAnEmptyOne_whenRead_thenTheFirstPageOfTheDefaultLimitBySortDefault() {
        assertThat(defaulted.read(body("{}"))).isEqualTo(new PageRequest(0, 20, "id", false));
        assertThat(defaulted.read(body("{\"page\": {\"limit\": 0, \"sort\": \" \"}}"))).isEqualTo(new PageRequest(0, 20, "id", false));
        assertThat(required.read(body("{\"page\": {\"limit\": 5}}"))).isEqualTo(new PageRequest(0, 5, "time", true));
    }

    @Test
    void givenPagesAtTheirBounds_whenRead_thenTakenAsGiven() {
        assertThat(defaulted.read(body("{\"page\": {\"start\": 0, \"limit\": 200, \"sort\": \"-name\"}}")))
                .isEqualTo(new PageRequest(0, 200, "name", true));
        assertThat(defaulted.read(body("{\"page\": {\"start\": 2147483647, \"limit\": 1, \"sort\": \" name \"}}")))
                .isEqualTo(new PageRequest(Integer.MAX_VALUE, 1, "name", false));
    }

    @Test
    void givenPagesPastTheirBounds_whenRead_thenEachRefusedNamingItsField() {
        assertThat(failureOf(defaulted, "{\"page\": {\"limit\": -1}}")).isEqualTo(invalid("limit", InvalidReason.NOT_ALLOWED, -1L));
        assertThat(failureOf(defaulted, "{\"page\": {\"start\": -1}}")).isEqualTo(invalid("start", InvalidReason.NOT_ALLOWED, -1L));
        assertThat(failureOf(defaulted, "{\"page\": {\"start\": 2147483648}}"))
                .isEqualTo(invalid("start", InvalidReason.NOT_ALLOWED, 2147483648L));
        assertThat(failureOf(required, "{\"page\": {}}")).isEqualTo(invalid("limit", InvalidReason.DOES_NOT_EXIST, null));
        assertThat(failureOf(required, "{\"page\": {\"limit\": 0}}")).isEqualTo(invalid("limit", InvalidReason.NOT_ALLOWED, 0L));
    }

    /** Which sort fields and limits a query takes is the query's to say, as it is made (QueryPagesTest). */
    @Test
    void givenAnySortFieldOrLimit_whenRead_thenTakenAsGivenForTheQueryToJudge() {
        assertThat(defaulted.read(body("{\"page\": {\"sort\": \"-rack\"}}"))).isEqualTo(new PageRequest(0, 20, "rack", true));
        assertThat(required.read(body("{\"page\": {\"limit\": 201}}"))).isEqualTo(new PageRequest(0, 201, "time", true));
        assertThat(required.read(body("{\"page\": {\"limit\": 4294967296}}")))
                .as("past an int, past every maximum").isEqualTo(new PageRequest(0, Integer.MAX_VALUE, "time", true));
    }

    private static Failure failureOf(PageRules rules, String json) {
        try {
            rules.read(body(json));
        } catch (RejectedException rejected) {
            return rejected.failure();
        }
        throw new AssertionError("accepted " + json);
    }

    private static Failure invalid(String field, InvalidReason reason, Object value) {
        return new Failure.InvalidValue(field, reason, value);
    }

    private static JsonFields body(String json) {
        return JsonFields.of(JsonObjects.parseObjectOrNull(json));
    }
}
