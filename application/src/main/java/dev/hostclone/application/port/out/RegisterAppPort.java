package dev.hostclone.application.port.out;

import java.util.concurrent.CompletionStage;

/**
 * Registers an app, or replaces its secret, by the salted hash of that secret in the store's own
 * scheme (a clear secret is refused): the caller hashes ahead, which takes long on purpose, while
 * the store may still be opening.
 */
public interface RegisterAppPort {

    CompletionStage<Void> registerApp(String appCode, String secretHash);
}
