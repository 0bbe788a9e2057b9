package dev.hostclone.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.host.HostId;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The commands and the query that carry named values as sent (create_business, create_cloud_area,
 * create_object_attribute, search_object_attribute, each entry of batch_update_host and each host of
 * add_host_to_business_idle; until 2026-12-07 the last kept the caller's maps) keep them as given, whatever the caller does with its
 * map afterwards, and refuse a null map or name before any use case sees them.
 */
class CommandsOfNamedValuesTest {

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("fields", "fields", (Function<Map<String, Object>, Map<String, Object>>)
                        fields -> new CreateBusinessCommand(fields).fields()),
                Arguments.of("fields", "fields", (Function<Map<String, Object>, Map<String, Object>>)
                        fields -> new CreateCloudAreaCommand(fields).fields()),
                Arguments.of("definition", "definition", (Function<Map<String, Object>, Map<String, Object>>)
                        definition -> new CreateObjectAttributeCommand(BusinessId.of(2), definition).definition()),
                Arguments.of("condition", "condition", (Function<Map<String, Object>, Map<String, Object>>)
                        condition -> new SearchObjectAttributeQuery(null, condition).condition()),
                Arguments.of("properties", "properties", (Function<Map<String, Object>, Map<String, Object>>)
                        properties -> new HostPropertiesUpdate(HostId.of(10), properties).properties()),
                Arguments.of("hosts[0]", "hosts[0] is null", (Function<Map<String, Object>, Map<String, Object>>)
                        host -> new AddHostsCommand(BusinessId.of(2), Collections.singletonList(host)).hosts().get(0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void givenValuesAndAJsonNull_whenMade_thenTheyAreKeptInOrderAndTheCallersMapIsNotFollowed(
            String parameter, String nullRefused, Function<Map<String, Object>, Map<String, Object>> made) {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("bk_biz_name", "shop");
        given.put("operator", null);
        given.put("bk_biz_maintainer", "alice");

        Map<String, Object> kept = made.apply(given);
        given.put("bk_biz_tester", "mallory");

        assertThat(kept).containsExactly(Map.entry("bk_biz_name", "shop"), entry("operator", null),
                Map.entry("bk_biz_maintainer", "alice"));
        assertThatThrownBy(() -> kept.put("bk_biz_tester", "mallory")).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void givenANullMapOrName_whenMade_thenTheParameterIsNamed(
            String parameter, String nullRefused, Function<Map<String, Object>, Map<String, Object>> made) {
        Map<String, Object> nullName = new HashMap<>();
        nullName.put(null, "shop");

        assertThatNullPointerException().isThrownBy(() -> made.apply(null)).withMessage(nullRefused);
        assertThatNullPointerException().isThrownBy(() -> made.apply(nullName))
                .withMessage(parameter + " has a null name");
    }

    private static Map.Entry<String, Object> entry(String name, Object value) {
        return new AbstractMap.SimpleEntry<>(name, value); // Map.entry refuses the null value
    }
}
