package dev.hostclone.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import io.vertx.core.json.JsonObject;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void givenDoubles_whenWritten_thenPlainDecimalsWithAFraction() {
        assertThat(JsonText.writeValue(2.0)).isEqualTo("2.0");
        assertThat(JsonText.writeValue(12_345_678.0)).isEqualTo("12345678.0");
        assertThat(JsonText.writeValue(1.0E20)).isEqualTo("100000000000000000000.0");
        assertThat(JsonText.writeValue(1.5E-10)).isEqualTo("0.00000000015");
        assertThat(JsonText.writeValue(-3.5)).isEqualTo("-3.5");
    }

    @Test
    void givenStringsWithSpecialCharacters_whenWritten_thenEscaped() {
        assertThat(JsonText.writeValue("a\"b\\c\nd\u001f")).isEqualTo("\"a\\\"b\\\\c\\nd\\u001f\"");
    }

    @Test
    void givenDocument_whenWrittenAndParsed_thenTypesSurvive() {
        String text = JsonText.write(Map.of("n", 1L, "d", 1.0E20, "l", List.of(1L, "x")));

        Map<String, Object> back = JsonText.readObject(new JsonObject(text));

        assertThat(back).isEqualTo(Map.of("n", 1L, "d", 1.0E20, "l", List.of(1L, "x")));
    }

    @Test
    void givenAnyString_whenWrittenAndRead_thenTheSameString() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 255)).checkAssert(text -> {
            String json = JsonText.write(Map.of("s", text));

            assertThat(JsonText.readHostDocument(json)).containsEntry("s", text);
            assertThat(new JsonObject(json).getString("s")).isEqualTo(text);
        });
    }

    @Test
    void givenJsonbText_whenRead_thenTheSameMapAsThroughTheClientsJsonObject() {
        String text = "{\"i\": 3, \"big\": 9223372036854775807, \"d\": 2.0, \"e\": 1.5e-10, \"s\": \"\\u4e2d\\\"\","
                + " \"t\": true, \"f\": false, \"n\": null, \"a\": [1, [2.5, \"x\"], {}], \"o\": {\"k\": []}}";

        Map<String, Object> read = JsonText.readHostDocument(text);

        assertThat(read).isEqualTo(JsonText.readObject(new JsonObject(text)));
        assertThat(read.get("i")).isEqualTo(3L);
        assertThat(read.get("big")).isEqualTo(Long.MAX_VALUE);
        assertThat(read.get("d")).isEqualTo(2.0);
        assertThat(read.get("s")).isEqualTo("中\"");
        assertThat(read).containsEntry("n", null);
        assertThat(read.get("a")).isEqualTo(List.of(1L, List.of(2.5, "x"), Map.of()));
        assertThat(JsonText.readHostDocument(null)).isNull();
    }

    @Test
    void givenTextThatIsNotOneJsonObject_whenRead_thenRefused() {
        assertThatThrownBy(() -> JsonText.readHostDocument("[1]"))
                .isInstanceOf(IllegalStateException.class).hasMessage("expected a JSON object, got START_ARRAY");
        assertThatThrownBy(() -> JsonText.readHostDocument("{} {}"))
                .isInstanceOf(IllegalStateException.class).hasMessage("expected one JSON object, found more after it");
        assertThatThrownBy(() -> JsonText.readHostDocument("{\"a\": 99999999999999999999}"))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> JsonText.readHostDocument("{\"a\": "))
                .isInstanceOf(UncheckedIOException.class).hasMessage("unreadable JSON from PostgreSQL");
    }

    @Test
    void givenValuesJsonCannotHold_whenWritten_thenRefused() {
        assertThatThrownBy(() -> JsonText.writeValue(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonText.writeValue(Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
    }
}
