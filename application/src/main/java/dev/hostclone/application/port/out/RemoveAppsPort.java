package dev.hostclone.application.port.out;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/** Removes registered apps, so that an app taken out of the configuration can call no more. */
public interface RemoveAppsPort {

    /** Removes every app but the named ones; completes with the codes it removed. */
    CompletionStage<Set<String>> removeAppsOtherThan(Set<String> appCodes);

    /**
     * Removes the app {@code appCode} if it still holds {@code secretHash}, and no other; completes with whether it
     * did. For a start that made an app and failed before it could show the app's secret: what another start has
     * registered since under that code, or any other app, is left as it is.
     */
    CompletionStage<Boolean> removeAppHolding(String appCode, String secretHash);
}
