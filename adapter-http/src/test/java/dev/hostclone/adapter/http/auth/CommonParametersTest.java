package dev.hostclone.adapter.http.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.error.HttpProblem;
import dev.hostclone.adapter.http.error.HttpProblem.AuthProblem;
import dev.hostclone.adapter.http.error.HttpProblemException;
import dev.hostclone.adapter.http.testkit.JsonObjects;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommonParametersTest {

    private static final String HEADER =
            "{\"bk_app_code\":\"ops\",\"bk_app_secret\":\"s3cret\",\"bk_username\":\"alice\"}";

    @Test
    void givenAHeader_whenRead_thenItsCredentials() {
        assertThat(CommonParameters.fromHeader(HEADER))
                .isEqualTo(new Credentials("ops", "s3cret", "alice", null));
    }

    @Test
    void givenOtherFieldsAndNulls_whenRead_thenOnlyTheCredentialsAreTaken() {
        String header = "{\"bk_supplier_account\":0,\"bk_app_code\":\"ops\",\"extra\":{\"bk_username\":7,\"list\":[1,{}]},"
                + "\"bk_app_secret\":null,\"bk_token\":\"t0k\",\"tags\":[\"a\",null]}";

        assertThat(CommonParameters.fromHeader(header)).isEqualTo(new Credentials("ops", null, null, "t0k"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"bk_app_code\":", "{\"bk_app_code\":7,\"bk_username\":\"alice\"}", "[\"ops\"]",
            "null", "\"ops\"", "{\"bk_username\":{\"name\":\"alice\"}}", "{\"bk_token\":[\"t\"]}",
            "{\"bk_app_code\":\"ops\"} {}",
            "{\"bk_app_code\":\"ops\"}x", "{\"bk_app_code\":\"ops\",}", "{bk_app_code:\"ops\"}",
            "{\"bk_app_code\":7,\"bk_token\":\"t\\u0000\"}",
            "{\"bk_app_secret\":true,\"bk_app_code\":\"ops\"}", "{\"bk_app_code\":\"ops\"} {\"x\":1,\"x\":2}", "[1] [2]"})
    void givenAnUnreadableHeader_whenRead_thenRefusedAsInvalid(String header) {
        assertThatThrownBy(() -> CommonParameters.fromHeader(header))
                .isInstanceOfSatisfying(HttpProblemException.class, refused -> assertThat(refused.problem())
                        .isEqualTo(new HttpProblem.Unauthenticated(AuthProblem.AUTHORIZATION_HEADER_INVALID)));
    }

    @Test
    void givenABodyWithoutSomeCredentials_whenRead_thenTheMissingOnesAreAbsentNotEmpty() {
        ObjectNode body = JsonObjects.parseObjectOrNull("{\"bk_app_code\":\"ops\",\"bk_app_secret\":null,\"bk_biz_id\":2}");

        assertThat(CommonParameters.fromBody(body)).isEqualTo(new Credentials("ops", null, null, null));
    }

    /**
     * A NUL anywhere, its first character included: PostgreSQL cannot compare such a name at all. Each credential is
     * checked in its turn, so a NUL in the app code is named before a token of the wrong type is refused.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"{\"bk_app_code\":\"\\u0000ops\"}|bk_app_code", "{\"bk_app_code\":\"o\\u0000ps\"}|bk_app_code",
            "{\"bk_app_secret\":\"\\u0000\"}|bk_app_secret", "{\"bk_username\":\"alice\\u0000\"}|bk_username",
            "{\"bk_token\":\"t\\u0000\"}|bk_token", "{\"bk_app_code\":\"\\u0000\",\"bk_token\":7}|bk_app_code"})
    void givenANulInACredential_whenRead_thenRefusedNamingIt(String header, String credential) {
        assertThatThrownBy(() -> CommonParameters.fromHeader(header))
                .isInstanceOfSatisfying(HttpProblemException.class, refused -> assertThat(refused.problem())
                        .isEqualTo(new HttpProblem.Unauthenticated(AuthProblem.CREDENTIAL_HOLDS_NUL, credential)));
    }

    /** Named, the key and not its values: "must be a JSON object of strings" sent the caller looking elsewhere. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"{\"bk_app_code\":\"ops\",\"bk_app_code\":\"other\"}|bk_app_code",
            "{\"bk_username\":\"a\",\"bk_app_code\":\"ops\",\"bk_username\":\"b\"}|bk_username",
            "{\"extra\":{\"x\":1,\"x\":2}}|x", "{\"bk_app_code\":7,\"x\":1,\"x\":2}|x", "[{\"x\":1,\"x\":2}]|x",
            "{\"bk_app_code\":\"ops\",\"bk_app_code\":null}|bk_app_code"})
    void givenAKeyTwiceInTheHeader_whenRead_thenRefusedNamingIt(String header, String key) {
        assertThatThrownBy(() -> CommonParameters.fromHeader(header))
                .isInstanceOfSatisfying(HttpProblemException.class, refused -> assertThat(refused.problem())
                        .isEqualTo(new HttpProblem.Unauthenticated(AuthProblem.AUTHORIZATION_HEADER_KEY_REPEATED, key)));
    }

    /** The header as the HTTP codec hands it over: each byte one character. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"C0AF", "C080", "FF", "EDA080", "F4908080", "E9", "80", "F09F98"})
    void givenHeaderBytesThatAreNotWellFormedUtf8_whenRead_thenRefusedAsNotUtf8(String form) {
        String header = "{\"bk_username\":\"al" + new String(HexFormat.of().parseHex(form), StandardCharsets.ISO_8859_1) + "ice\"}";

        assertThatThrownBy(() -> CommonParameters.fromHeader(header))
                .isInstanceOfSatisfying(HttpProblemException.class, refused -> assertThat(refused.problem())
                        .isEqualTo(new HttpProblem.Unauthenticated(AuthProblem.AUTHORIZATION_HEADER_NOT_UTF8)));
    }

    @Test
    void givenHeaderBytesOfWellFormedUtf8_whenRead_thenTheirCharacters() {
        String header = new String("{\"bk_username\":\"张三\uD83D\uDE00\"}".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

        assertThat(CommonParameters.fromHeader(header).username()).isEqualTo("张三\uD83D\uDE00");
    }

    @Test
    void givenNoHeader_whenRead_thenNoCredentials() {
        assertThat(CommonParameters.fromHeader(null)).isSameAs(Credentials.NONE);
        assertThat(CommonParameters.fromHeader("  ")).isSameAs(Credentials.NONE);
    }
}
