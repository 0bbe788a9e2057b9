package dev.hostclone.adapter.http.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A NUL character anywhere in a body's texts or names is refused, naming where the first one is:
 * PostgreSQL can store neither, and both stores refuse it alike. In the bodies below, JSON's
 * {@code \u0000} escape stands for it; in the expected texts, Java's.
 */
class JsonBodyParserNulTest {

    private static final String NUL = "\u0000";

    private final JsonBodyParser parser = new JsonBodyParser(32, 10_000);

    static Stream<Arguments> bodiesWithANul() {
        return Stream.of(
                Arguments.of("{\"bk_comment\":\"a\\u0000b\"}", "bk_comment", "a" + NUL + "b"),
                Arguments.of("{\"bk_host_list\":[{\"bk_comment\":\"ok\"},{\"bk_comment\":\"\\u0000\"}]}",
                        "bk_host_list[1].bk_comment", NUL),
                Arguments.of("{\"a\":{\"b\":[[\"x\",\"y\\u0000\"]]}}", "a.b[0][1]", "y" + NUL),
                Arguments.of("{\"a\":{\"b\\u0000c\":1}}", "a.b" + NUL + "c", "b" + NUL + "c"),
                Arguments.of("{\"\\u0000\":\"the name, not this\"}", NUL, NUL),
                Arguments.of("{\"first\":\"\\u0000\",\"second\":\"x\\u0000\"}", "first", NUL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodiesWithANul")
    void givenANulInATextOrAName_whenParsed_thenRefusedNamingTheFirstOneAndItsText(String body, String field, String text) {
        RejectedException refused = catchThrowableOfType(RejectedException.class, () -> parser.parseObject(bytes(body)));

        assertThat(refused).as(body).isNotNull();
        assertThat(refused.failure()).isEqualTo(new Failure.InvalidValue(field, InvalidReason.NOT_ALLOWED, text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "{\"bk_host_list\":[{\"bk_comment\":\"no nul\"},1,true,null,[]],\"n\":0}",
            "{\"escaped\":\"\\\\u0000 is a backslash and five characters here\"}",
    })
    void givenNoNul_whenParsed_thenTheBodyIsReturnedWhole(String body) throws Exception {
        assertThat(parser.parseObject(bytes(body))).isEqualTo(Json.MAPPER.readTree(body));
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
