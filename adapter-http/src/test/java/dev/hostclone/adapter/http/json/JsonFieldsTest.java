package dev.hostclone.adapter.http.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hostclone.adapter.http.error.HttpProblem;
import dev.hostclone.adapter.http.error.HttpProblem.JsonType;
import dev.hostclone.adapter.http.error.HttpProblemException;
import dev.hostclone.adapter.http.testkit.JsonObjects;
import org.junit.jupiter.api.Test;

/** Reading typed fields of a request body; the API tests cover them through whole requests. */
class JsonFieldsTest {

    @Test
    void givenBooleanFields_whenRead_thenEachValueAsGivenAndAbsentOrNullAsNull() {
        JsonFields body = fields("{\"on\": true, \"off\": false, \"none\": null, \"text\": \"true\"}");

        assertThat(body.optionalBoolean("on")).isTrue();
        assertThat(body.optionalBoolean("off")).isFalse();
        assertThat(body.optionalBoolean("none")).isNull();
        assertThat(body.optionalBoolean("absent")).isNull();
        assertThat(problemOf(() -> body.optionalBoolean("text"))).isEqualTo(new HttpProblem.WrongJsonType("text", JsonType.BOOLEAN));
    }

    @Test
    void givenArrayFields_whenRead_thenItemsInOrderAbsentAsNullAndAWrongItemNamedByItsIndex() {
        JsonFields body = fields("{\"names\": [\"a\", \"b\"], \"ids\": [3, 1], \"empty\": [], \"mixed\": [1, \"x\"], \"one\": 1,"
                + " \"hosts\": [{\"ip\": \"10.0.0.1\"}]}");

        assertThat(body.optionalStringList("names")).containsExactly("a", "b");
        assertThat(body.optionalLongList("ids")).containsExactly(3L, 1L);
        assertThat(body.optionalLongList("empty")).isEmpty();
        assertThat(body.optionalStringList("absent")).isNull();
        assertThat(body.objectList("absent")).isEmpty();
        assertThat(body.objectList("hosts")).singleElement()
                .satisfies(host -> assertThat(host.optionalString("ip")).isEqualTo("10.0.0.1"))
                .satisfies(host -> assertThat(host.pathOf("ip")).isEqualTo("hosts[0].ip"));
        assertThat(problemOf(() -> body.optionalLongList("one"))).isEqualTo(new HttpProblem.WrongJsonType("one", JsonType.ARRAY));
        assertThat(problemOf(() -> body.optionalLongList("mixed")))
                .isEqualTo(new HttpProblem.WrongJsonType("mixed[1]", JsonType.INTEGER));
    }

    private static JsonFields fields(String json) {
        return JsonFields.of(JsonObjects.parseObjectOrNull(json));
    }

    private static HttpProblem problemOf(Runnable read) {
        return ((HttpProblemException) catchThrowable(read::run)).problem();
    }
}
