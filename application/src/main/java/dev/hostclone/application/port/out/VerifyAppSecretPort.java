package dev.hostclone.application.port.out;

import dev.hostclone.domain.access.AppAuthentication;
import java.util.concurrent.CompletionStage;

/** Compares an app's secret with its stored salted hash, in constant time. */
public interface VerifyAppSecretPort {

    CompletionStage<AppAuthentication> verifyAppSecret(String appCode, String appSecret);
}
