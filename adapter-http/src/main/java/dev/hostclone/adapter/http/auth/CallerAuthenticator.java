package dev.hostclone.adapter.http.auth;

import dev.hostclone.adapter.http.error.HttpProblem;
import dev.hostclone.adapter.http.error.HttpProblem.AuthProblem;
import dev.hostclone.adapter.http.error.HttpProblemException;
import dev.hostclone.application.port.in.AppCredentials;
import dev.hostclone.application.port.in.AuthenticateAppUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.AppAuthentication;
import dev.hostclone.domain.access.UserNames;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Establishes who calls (API.md §6): the app by code and secret, then the user by
 * {@code bk_username}. {@code bk_token} alone is refused: no token verifier is configured, and so is a name longer
 * than anybody's ({@link UserNames#MAX_LENGTH}).
 */
public final class CallerAuthenticator {

    private final AuthenticateAppUseCase apps;

    public CallerAuthenticator(AuthenticateAppUseCase apps) {
        this.apps = apps;
    }

    /**
     * Completes with the actor, or exceptionally with an {@link HttpProblemException}: 401, or 429 when
     * the store could not check the secret yet.
     */
    public CompletionStage<Actor> authenticate(Credentials credentials, String requestId) {
        if (isBlank(credentials.appCode())) {
            return refused(AuthProblem.APP_CODE_MISSING);
        }
        if (credentials.appSecret() == null || credentials.appSecret().isEmpty()) {
            return refused(AuthProblem.APP_SECRET_MISSING);
        }
        return apps.authenticate(new AppCredentials(credentials.appCode(), credentials.appSecret())).thenApply(answer -> {
            if (answer == AppAuthentication.BUSY) {
                throw new HttpProblemException(new HttpProblem.SecretChecksBusy());
            }
            if (answer == null || !answer.accepted()) {
                throw problem(AuthProblem.APP_REJECTED);
            }
            if (isBlank(credentials.username())) {
                throw problem(isBlank(credentials.token()) ? AuthProblem.USER_MISSING : AuthProblem.TOKEN_NOT_SUPPORTED);
            }
            try {
                return new Actor(credentials.appCode(), credentials.username(), requestId);
            } catch (IllegalArgumentException tooLong) {
                // the name, composed once, by the actor itself: its one refusal
                throw problem(AuthProblem.USER_TOO_LONG);
            }
        });
    }

    private static CompletionStage<Actor> refused(AuthProblem reason) {
        return CompletableFuture.failedStage(problem(reason));
    }

    private static HttpProblemException problem(AuthProblem reason) {
        return new HttpProblemException(new HttpProblem.Unauthenticated(reason));
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
