package dev.hostclone.application.port.out;

import java.util.concurrent.CompletionStage;

/**
 * Registers an app by the salted hash of its secret in the store's own scheme (a clear secret is
 * refused): the caller hashes ahead, which takes long on purpose, while the store may still be
 * opening.
 */
public interface RegisterAppPort {

    /** Registers the app, or replaces its secret. */
    CompletionStage<Void> registerApp(String appCode, String secretHash);

    /**
     * Registers the app unless the store already has one by that code, whose secret it then keeps;
     * completes with whether it registered it.
     */
    CompletionStage<Boolean> registerAppIfAbsent(String appCode, String secretHash);
}
