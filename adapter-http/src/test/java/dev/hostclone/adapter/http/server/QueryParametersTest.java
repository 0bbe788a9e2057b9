package dev.hostclone.adapter.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.adapter.http.error.HttpProblem;
import dev.hostclone.adapter.http.error.HttpProblemException;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParametersTest {

    /** The request target as the HTTP codec hands it over: each byte of the line one character. */
    private static String asTheCodecReadsIt(String target) {
        return new String(target.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** A query string that is percent-encoded UTF-8 is split and decoded as Vert.x's reading, Netty's, did. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/p", "/p?", "/p?a=1&b=2", "/p?a=1;b=2", "/p?a=x+y%20z", "/p?a&b=", "/p?=a&b==c", "/p?a=1&&b=2",
            "/p?a=1#b=2", "/p#?a=1", "/p?a=%E5%BC%A0%F0%9F%98%80", "/p?%61%62=%2B%26%3d", "/p?a=b=c", "/p?a=%25",
            "/p?bk_app_code=ops&bk_app_secret=s3cret&bk_username=admin&bk_host_id=12"})
    void givenAWellFormedQueryString_whenRead_thenItsParametersAsNettyReadsThem(String uri) {
        Map<String, String> netty = new HashMap<>();
        new QueryStringDecoder(uri).parameters().forEach((name, values) -> netty.put(name, values.get(0)));

        assertThat(QueryParameters.of(uri)).isEqualTo(netty);
    }

    /** Netty read them a byte a character, so 张 sent raw came as three Latin-1 characters; BlueKing's Go reads them as UTF-8. */
    @Test
    void givenRawUtf8InTheQueryString_whenRead_thenItsCharacters() {
        assertThat(QueryParameters.of(asTheCodecReadsIt("/p?bk_username=张三&名=1")))
                .isEqualTo(Map.of("bk_username", "张三", "名", "1"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"%", "%4", "%G1", "%4G", "a%", "%C0%AF", "%C0%80", "%FF", "%ED%A0%80", "%F4%90%80%80", "%E5%BC",
            "%E5%BCa", "%80", "\u00ff", "\u00e5\u00bc", "%E5\u00bc\u00a0x%"})
    void givenAValueThatIsNotPercentEncodedUtf8_whenRead_thenRefusedNamingItsParameter(String value) {
        assertThatThrownBy(() -> QueryParameters.of("/p?bk_app_code=ops&bk_app_secret=" + value + "&bk_host_id=1"))
                .isInstanceOfSatisfying(HttpProblemException.class, refused -> assertThat(refused.problem())
                        .isEqualTo(new HttpProblem.QueryNotUtf8("bk_app_secret")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"%=1", "a%FF=1", "%C0%AF", "x%4"})
    void givenANameThatIsNotPercentEncodedUtf8_whenRead_thenRefusedNamingNone(String parameter) {
        assertThatThrownBy(() -> QueryParameters.of("/p?bk_host_id=1&" + parameter))
                .isInstanceOfSatisfying(HttpProblemException.class, refused -> assertThat(refused.problem())
                        .isEqualTo(new HttpProblem.QueryNotUtf8(null)));
    }

    /** In any case, as Vert.x's map of them took names. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/p?bk_username=a&bk_username=b", "/p?bk_username=a;bk_username", "/p?bk_username=a&BK_USERNAME=b",
            "/p?bk_username=a&bk_%75sername=b"})
    void givenAParameterTwice_whenRead_thenRefusedAsADuplicateKey(String uri) {
        assertThatThrownBy(() -> QueryParameters.of(uri))
                .isInstanceOfSatisfying(HttpProblemException.class, refused -> assertThat(refused.problem())
                        .isInstanceOf(HttpProblem.DuplicateKey.class));
    }

    /** In a path {@code +} is a plus (RFC 3986 §3.3), where the query string's form reads a space. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"0, 0", "a+b, a+b", "a%20b, a b", "%E5%BC%A0, \u5f20", "%2F, /", "%25, %"})
    void givenAPathSegmentThatIsPercentEncodedUtf8_whenDecoded_thenItsText(String segment, String text) {
        assertThat(QueryParameters.pathSegment(segment)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"%", "0%", "%G1", "%4", "0%FF", "0%C0%AF", "%ED%A0%80", "\u00ff"})
    void givenAPathSegmentThatIsNotPercentEncodedUtf8_whenDecoded_thenNone(String segment) {
        assertThat(QueryParameters.pathSegment(segment)).isNull();
    }

    /**
     * Vert.x's map of them folded only ASCII letters' case (Netty's {@code AsciiString}), as asserted first: until
     * 2026-12-06 these names, folded as Java folds any case, were refused as one given twice.
     */
    @Test
    void givenNamesDifferingOnlyInTheCaseOfANonAsciiLetter_whenRead_thenTheyAreTwoParameters() {
        assertThat(MultiMap.caseInsensitiveMultiMap().add("é", "1").add("É", "2").getAll("é"))
                .containsExactly("1");

        assertThat(QueryParameters.of("/p?%C3%A9=1&%C3%89=2")).isEqualTo(Map.of("é", "1", "É", "2"));
    }
}
