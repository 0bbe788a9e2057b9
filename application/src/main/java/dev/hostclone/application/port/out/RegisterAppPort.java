package dev.hostclone.application.port.out;

import java.util.concurrent.CompletionStage;

/** Registers an app, or replaces its secret; the store keeps only a salted hash of the secret. */
public interface RegisterAppPort {

    CompletionStage<Void> registerApp(String appCode, String appSecret);
}
