package dev.hostclone.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An app's credentials say which app they name in a log or a failed assertion, never its secret. */
class AppCredentialsTest {

    @Test
    void givenCredentials_whenShownAsText_thenTheSecretIsMasked() {
        assertThat(new AppCredentials("ops", "s3cret")).hasToString("AppCredentials[appCode=ops, appSecret=****]")
                .isEqualTo(new AppCredentials("ops", "s3cret"));
        assertThat(new AppCredentials(null, null)).hasToString("AppCredentials[appCode=null, appSecret=null]");
    }
}
