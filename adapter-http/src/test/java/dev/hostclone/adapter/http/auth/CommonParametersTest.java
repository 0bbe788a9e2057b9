package dev.hostclone.adapter.http.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.adapter.http.error.HttpProblem;
import dev.hostclone.adapter.http.error.HttpProblem.AuthProblem;
import dev.hostclone.adapter.http.error.HttpProblemException;
import org.junit.jupiter.api.Test;

class CommonParametersTest {

    private static final String HEADER =
            "{\"bk_app_code\":\"ops\",\"bk_app_secret\":\"s3cret\",\"bk_username\":\"alice\"}";

    @Test
    void givenAHeader_whenRead_thenItsCredentials() {
        assertThat(CommonParameters.fromHeader(HEADER))
                .isEqualTo(new Credentials("ops", "s3cret", "alice", null));
    }

    @Test
    void givenTheSameHeaderText_whenReadAgain_thenItIsNotParsedAgain() {
        // a string of its own each time, as each request's header is
        Credentials first = CommonParameters.fromHeader(HEADER.replace("alice", "bob"));

        Credentials again = CommonParameters.fromHeader(HEADER.replace("alice", "bob"));

        assertThat(again).isSameAs(first).isEqualTo(new Credentials("ops", "s3cret", "bob", null));
    }

    @Test
    void givenAnUnreadableHeader_whenReadTwice_thenRefusedBothTimes() {
        String unreadable = "{\"bk_app_code\":";
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> CommonParameters.fromHeader(unreadable))
                    .isInstanceOfSatisfying(HttpProblemException.class, refused -> assertThat(refused.problem())
                            .isEqualTo(new HttpProblem.Unauthenticated(AuthProblem.AUTHORIZATION_HEADER_INVALID)));
        }
    }

    @Test
    void givenACredentialOfTheWrongType_whenReadTwice_thenRefusedBothTimes() {
        String wrongType = "{\"bk_app_code\":7,\"bk_username\":\"alice\"}";
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> CommonParameters.fromHeader(wrongType))
                    .isInstanceOf(HttpProblemException.class);
        }
    }

    @Test
    void givenFarMoreDistinctHeadersThanKept_whenEachIsRead_thenEachStillReadsRight() {
        for (int user = 0; user < CommonParameters.KNOWN_HEADERS_MAX * 3; user++) {
            String header = "{\"bk_app_code\":\"ops\",\"bk_username\":\"user-" + user + "\"}";

            assertThat(CommonParameters.fromHeader(header).username()).isEqualTo("user-" + user);
        }
        assertThat(CommonParameters.fromHeader(HEADER).username()).isEqualTo("alice");
    }

    @Test
    void givenNoHeader_whenRead_thenNoCredentials() {
        assertThat(CommonParameters.fromHeader(null)).isSameAs(Credentials.NONE);
        assertThat(CommonParameters.fromHeader("  ")).isSameAs(Credentials.NONE);
    }
}
