package dev.hostclone.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlainJsonTest {

    @Test
    void givenClientJsonValues_whenMadePlain_thenIntegersAreLongsAndContainersAreJavaCollections() {
        Object plain = PlainJson.of(new JsonObject().put("i", 3).put("a", new JsonArray().add(1).add(2.5f)));

        assertThat(plain).isEqualTo(Map.of("i", 3L, "a", List.of(1L, 2.5)));
        assertThat(plain).isInstanceOf(LinkedHashMap.class);
        assertThat(((Map<?, ?>) plain).get("a")).isInstanceOf(ArrayList.class);
    }

    @Test
    void givenEveryNumberTypeAParserMayChoose_whenMadePlain_thenIntegersAreLongsAndFractionsDoubles() {
        assertThat(PlainJson.of((short) 2)).isEqualTo(2L);
        assertThat(PlainJson.of((byte) 3)).isEqualTo(3L);
        assertThat(PlainJson.of(7L)).isEqualTo(7L);
        assertThat(PlainJson.of(BigInteger.valueOf(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThat(PlainJson.of(new BigDecimal("0.25"))).isEqualTo(0.25);
        assertThat(PlainJson.of(0.5f)).isEqualTo(0.5);
        assertThat(PlainJson.of("text")).isEqualTo("text");
        assertThat(PlainJson.of(true)).isEqualTo(true);
        assertThat(PlainJson.of(null)).isNull();
        assertThatThrownBy(() -> PlainJson.of(BigInteger.TWO.pow(64))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void givenJavaContainersOfClientValues_whenMadePlain_thenCopiedWithTheirValuesMadePlainAndKeysAsText() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(1, List.of(new JsonObject().put("n", 1)));
        map.put("s", new JsonArray().add((short) 5));

        Object plain = PlainJson.of(map);

        assertThat(plain).isEqualTo(Map.of("1", List.of(Map.of("n", 1L)), "s", List.of(5L)));
        assertThat(plain).isNotSameAs(map);
    }
}
