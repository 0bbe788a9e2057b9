package dev.hostclone.application.service;

import static dev.hostclone.application.service.Fixtures.join;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.application.port.in.AppCredentials;
import dev.hostclone.application.port.out.VerifyAppSecretPort;
import dev.hostclone.domain.access.AppAuthentication;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AuthenticateAppServiceTest {

    /** Accepts app {@code ops} with secret {@code s3cret} and records every question it was asked. */
    private final List<String> asked = new ArrayList<>();
    private final VerifyAppSecretPort secrets = (code, secret) -> {
        asked.add(code + ":" + secret);
        AppAuthentication answer = !code.equals("ops") ? AppAuthentication.UNKNOWN_APP
                : secret.equals("s3cret") ? AppAuthentication.ACCEPTED : AppAuthentication.WRONG_SECRET;
        return CompletableFuture.completedStage(answer);
    };
    private final AuthenticateAppService service = new AuthenticateAppService(secrets);

    @Test
    void givenTheRightSecret_whenAuthenticating_thenTheStoreAcceptsTheApp() {
        AppAuthentication answer = join(service.authenticate(new AppCredentials("ops", "s3cret")));

        assertThat(answer).isEqualTo(AppAuthentication.ACCEPTED);
        assertThat(answer.accepted()).isTrue();
        assertThat(asked).containsExactly("ops:s3cret");
    }

    @Test
    void givenAWrongSecretOrAnUnknownApp_whenAuthenticating_thenTheStoresAnswerIsNotAccepted() {
        assertThat(join(service.authenticate(new AppCredentials("ops", "guess")))).isEqualTo(AppAuthentication.WRONG_SECRET);
        assertThat(join(service.authenticate(new AppCredentials("nobody", "s3cret")))).isEqualTo(AppAuthentication.UNKNOWN_APP);
        assertThat(AppAuthentication.WRONG_SECRET.accepted()).isFalse();
        assertThat(AppAuthentication.UNKNOWN_APP.accepted()).isFalse();
    }

    @Test
    void givenNoAppCode_whenAuthenticating_thenTheAppIsUnknownWithoutAskingTheStore() {
        assertThat(join(service.authenticate(new AppCredentials(null, "s3cret")))).isEqualTo(AppAuthentication.UNKNOWN_APP);
        assertThat(join(service.authenticate(new AppCredentials(" ", "s3cret")))).isEqualTo(AppAuthentication.UNKNOWN_APP);
        assertThat(asked).isEmpty();
    }

    @Test
    void givenNoSecret_whenAuthenticating_thenTheSecretIsWrongWithoutAskingTheStore() {
        assertThat(join(service.authenticate(new AppCredentials("ops", null)))).isEqualTo(AppAuthentication.WRONG_SECRET);
        assertThat(join(service.authenticate(new AppCredentials("ops", "")))).isEqualTo(AppAuthentication.WRONG_SECRET);
        assertThat(asked).isEmpty();
    }
}
