package dev.hostclone.adapter.http.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.error.HttpProblem;
import dev.hostclone.adapter.http.error.HttpProblemException;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.adapter.http.json.JsonBodyParser.ParsedBody;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a body's texts may hold: a NUL character anywhere in a body's texts or names is refused, naming
 * where the first one is (PostgreSQL can store neither, and both stores refuse it alike); a lone
 * surrogate becomes U+FFFD; a body that is not UTF-8 is refused before it is parsed. In the bodies below,
 * JSON's {@code \u0000} escape stands for a NUL; in the expected texts, Java's.
 */
class JsonBodyParserTextsTest {

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

    /**
     * Jackson decodes UTF-8's overlong forms of NUL ({@code C0 80}, {@code E0 80 80}) to NUL: they are
     * refused as any UTF-8 that is not well-formed, at their lead byte, in a text as in a name.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("overlongNuls")
    void givenAnOverlongUtf8Nul_whenParsed_thenRefusedAsMalformedWhereItIs(String form, byte[] body, int column) {
        HttpProblemException refused = catchThrowableOfType(HttpProblemException.class, () -> parser.parseObject(body));

        assertThat(refused).as(form).isNotNull();
        assertThat(refused.problem()).isEqualTo(new HttpProblem.MalformedJson(1, column));
    }

    static Stream<Arguments> overlongNuls() {
        return Stream.of(
                Arguments.of("C0 80 in a text", concat("{\"bk_comment\":\"a", new byte[] {(byte) 0xC0, (byte) 0x80}, "\"}"), 17),
                Arguments.of("E0 80 80 in a name", concat("{\"a", new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, "\":1}"), 4));
    }

    /**
     * Each kind of UTF-8 that is not well-formed (RFC 3629), in a text, located at its first byte, lines
     * counted as Jackson counts them.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("illFormedUtf8")
    void givenUtf8ThatIsNotWellFormed_whenParsed_thenRefusedAsMalformedAtItsFirstByte(String form, String before, byte[] bytes,
                                                                                    int line, int column) {
        HttpProblemException refused = catchThrowableOfType(HttpProblemException.class,
                () -> parser.parse(concat(before, bytes, "x\"}")));

        assertThat(refused).as(form).isNotNull();
        assertThat(refused.problem()).isEqualTo(new HttpProblem.MalformedJson(line, column));
    }

    static Stream<Arguments> illFormedUtf8() {
        String text = "{\"bk_comment\":\"ab";
        return Stream.of(
                Arguments.of("overlong slash C0 AF", text, hex("C0AF"), 1, 18),
                Arguments.of("overlong C1 BF", text, hex("C1BF"), 1, 18),
                Arguments.of("overlong E0 9F BF", text, hex("E09FBF"), 1, 18),
                Arguments.of("overlong F0 8F BF BF", text, hex("F08FBFBF"), 1, 18),
                Arguments.of("surrogate ED A0 80", text, hex("EDA080"), 1, 18),
                Arguments.of("surrogate ED BF BF", text, hex("EDBFBF"), 1, 18),
                Arguments.of("past U+10FFFF F4 90 80 80", text, hex("F4908080"), 1, 18),
                Arguments.of("F5 lead", text, hex("F5808080"), 1, 18),
                Arguments.of("FF", text, hex("FF"), 1, 18),
                Arguments.of("a continuation byte alone", text, hex("80"), 1, 18),
                Arguments.of("E9 without its continuation", text, hex("E9"), 1, 18),
                Arguments.of("C3 before an ASCII byte", text, hex("C328"), 1, 18),
                Arguments.of("F0 9F 98 cut short", text, hex("F09F98"), 1, 18),
                Arguments.of("after a well-formed character, counted in bytes", text + "\u00e9", hex("EDA080"), 1, 20),
                Arguments.of("on the third line", "{\n\r\n \"bk_comment\":\"ab", hex("C0AF"), 3, 18),
                Arguments.of("after a carriage return alone", "{\r\"bk_comment\":\"ab", hex("C0AF"), 2, 17));
    }

    /** The edges of each length of well-formed UTF-8 are read as the characters they are. */
    @ParameterizedTest
    @ValueSource(strings = {"C280", "DFBF", "E0A080", "ED9FBF", "EE8080", "EFBFBD", "EFBFBF", "F0908080", "F48FBFBF", "F3BFBFBF"})
    void givenWellFormedUtf8AtAnEdge_whenParsed_thenItIsTheCharacter(String form) {
        byte[] character = hex(form);

        ObjectNode parsed = parser.parseObject(concat("{\"bk_comment\":\"", character, "\"}"));

        assertThat(parsed.get("bk_comment").textValue()).isEqualTo(new String(character, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "{\"bk_host_list\":[{\"bk_comment\":\"no nul\"},1,true,null,[]],\"n\":0}",
            "{\"escaped\":\"\\\\u0000 is a backslash and five characters here\"}",
            "{\"not_nul\":\"\\u0001\\u0010\\u0100\"}",
            "{\"ends_in_a_short_escape\":\"\\u0030\"}",
            "{\"texts_led_by_E0\":\"\u0800\u0fff\",\"and_by_E4\":\"\u4e3b\u673a\"}",
    })
    void givenNoNul_whenParsed_thenTheBodyIsReturnedWhole(String body) throws Exception {
        assertThat(parser.parseObject(bytes(body))).isEqualTo(Json.MAPPER.readTree(body));
    }

    /**
     * A lone surrogate, which the PostgreSQL client would write as {@code ?}, becomes U+FFFD, as BlueKing's
     * decoder makes it, in a text as in a list; a pair (an escaped emoji) stays as it is.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("loneSurrogates")
    void givenALoneSurrogateInAText_whenParsed_thenItIsReplaced(String body, String field, String expected) throws Exception {
        assertThat(parser.parseObject(bytes(body))).isEqualTo(Json.MAPPER.readTree(
                "{\"" + field + "\":" + Json.MAPPER.writeValueAsString(Json.MAPPER.readTree(expected)) + "}"));
    }

    static Stream<Arguments> loneSurrogates() {
        return Stream.of(
                Arguments.of("{\"bk_comment\":\"a\\ud800b\"}", "bk_comment", "\"a\uFFFDb\""),
                Arguments.of("{\"bk_comment\":\"\\udc00\\ud83d\\ude00\\ud800\"}", "bk_comment", "\"\uFFFD\ud83d\ude00\uFFFD\""),
                Arguments.of("{\"tags\":[\"x\",\"\\uDBFF\",1]}", "tags", "[\"x\",\"\uFFFD\",1]"),
                Arguments.of("{\"a\":{\"b\":\"\\ud83d\\ude00 kept\"}}", "a", "{\"b\":\"\ud83d\ude00 kept\"}"));
    }

    /**
     * In a key as in a text, keeping the keys' order: an enum option's item keeps keys of the caller's, which
     * PostgreSQL stored as {@code ?} and memory as sent, until 2026-12-06.
     */
    @Test
    void givenALoneSurrogateInAKey_whenParsed_thenItIsReplacedInPlace() throws Exception {
        ObjectNode parsed = parser.parseObject(bytes(
                "{\"option\":[{\"id\":\"1\",\"a\\ud800\":1,\"name\":\"x\"}],\"b\\udc00\":{\"c\\ud800\":\"\\ud800\"}}"));

        assertThat(parsed.get("option").get(0).fieldNames()).toIterable().containsExactly("id", "a\uFFFD", "name");
        assertThat(parsed.fieldNames()).toIterable().containsExactly("option", "b\uFFFD");
        assertThat(parsed.get("b\uFFFD").get("c\uFFFD").textValue()).isEqualTo("\uFFFD");
    }

    /** Two keys the replacement makes one are refused as a key given twice is: which value counts is not ours to pick. */
    @Test
    void givenTwoKeysThatTheReplacementMakesOne_whenParsed_thenTheSecondIsRefused() {
        HttpProblemException refused = catchThrowableOfType(HttpProblemException.class, () -> parser.parseObject(bytes(
                "{\"option\":{\"\\ud800\":1,\"\\udc00\":2}}")));

        assertThat(refused).isNotNull();
        assertThat(refused.problem()).isEqualTo(new HttpProblem.DuplicateKey("\uFFFD"));
    }

    /**
     * Jackson detects UTF-16 and UTF-32 by their zero bytes and decodes them, where the NUL scan reads
     * UTF-8's bytes only: such a body is refused before it is parsed, a NUL in it or not.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("zeroBytes")
    void givenAZeroByte_whenParsed_thenRefusedAsNotUtf8(String form, byte[] body) {
        HttpProblemException refused = catchThrowableOfType(HttpProblemException.class, () -> parser.parse(body));

        assertThat(refused).as(form).isNotNull();
        assertThat(refused.problem()).isEqualTo(new HttpProblem.NotUtf8());
    }

    static Stream<Arguments> zeroBytes() {
        return Stream.of(
                Arguments.of("UTF-16LE with a NUL escape", "{\"bk_comment\":\"a\\u0000b\"}".getBytes(StandardCharsets.UTF_16LE)),
                Arguments.of("UTF-16 with its byte-order mark", "{\"bk_comment\":\"ok\"}".getBytes(StandardCharsets.UTF_16)),
                Arguments.of("UTF-8 with a raw zero byte at its end", concat("{\"bk_comment\":\"ok\"}", new byte[] {0}, "")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bk_app_secret", "bk_comment"})
    void givenANulInAText_whenParsedWithoutTheCheck_thenTheObjectHoldsItUntilChecked(String field) {
        JsonBodyParser.ParsedBody parsed = parser.parse(bytes("{\"" + field + "\":\"a\\u0000b\"}"));

        assertThat(parsed.object().get(field).textValue()).isEqualTo("a" + NUL + "b");
        RejectedException refused = catchThrowableOfType(RejectedException.class, parsed::checked);
        assertThat(refused.failure()).isEqualTo(new Failure.InvalidValue(field, InvalidReason.NOT_ALLOWED, "a" + NUL + "b"));
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] head = bytes(before);
        byte[] tail = bytes(after);
        byte[] body = new byte[head.length + middle.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(middle, 0, body, head.length, middle.length);
        System.arraycopy(tail, 0, body, head.length + middle.length, tail.length);
        return body;
    }

    private static byte[] hex(String digits) {
        return HexFormat.of().parseHex(digits);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A path is written out only to refuse a text: written for every member and element on the way, until 2026-12-07,
     * thirty nested names of 10,000 characters over 20,000 small numbers made a path of 300,000 characters for each,
     * 6 GB for one body of 340 kB, where checking it now allocates less than twice the body's bytes (a place of
     * 24 bytes for each value, 484 kB here).
     */
    @Test
    void givenLongNamesNestedOverManyValues_whenTheTextsAreChecked_thenNoPathIsWrittenForThem() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "this JVM counts no thread's allocations");
        String name = "n".repeat(10_000);
        StringBuilder body = new StringBuilder();
        for (int level = 0; level < 30; level++) {
            body.append("{\"").append(name).append("\":");
        }
        body.append("[\"\\ud800\"").append(",0".repeat(20_000)).append(']').append("}".repeat(30));
        ParsedBody parsed = parser.parse(bytes(body.toString()));

        long before = threads.getCurrentThreadAllocatedBytes();
        parsed.checked();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).as("bytes allocated to check a body of %d", body.length()).isLessThan(2L * body.length());
    }
}
