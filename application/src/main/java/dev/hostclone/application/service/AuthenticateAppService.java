package dev.hostclone.application.service;

import dev.hostclone.application.port.in.AppCredentials;
import dev.hostclone.application.port.in.AuthenticateAppUseCase;
import dev.hostclone.application.port.out.VerifyAppSecretPort;
import dev.hostclone.domain.access.AppAuthentication;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Refuses blank credentials outright; the store's salted hashes decide the rest. */
public final class AuthenticateAppService implements AuthenticateAppUseCase {

    private final VerifyAppSecretPort secrets;

    public AuthenticateAppService(VerifyAppSecretPort secrets) {
        this.secrets = secrets;
    }

    @Override
    public CompletionStage<AppAuthentication> authenticate(AppCredentials credentials) {
        String appCode = credentials.appCode();
        String appSecret = credentials.appSecret();
        if (appCode == null || appCode.isBlank()) {
            return CompletableFuture.completedStage(AppAuthentication.UNKNOWN_APP);
        }
        if (appSecret == null || appSecret.isEmpty()) {
            return CompletableFuture.completedStage(AppAuthentication.WRONG_SECRET);
        }
        return secrets.verifyAppSecret(appCode, appSecret);
    }
}
