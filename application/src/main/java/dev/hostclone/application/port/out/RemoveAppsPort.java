package dev.hostclone.application.port.out;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/** Removes registered apps, so that an app taken out of the configuration can call no more. */
public interface RemoveAppsPort {

    /** Removes every app but the named ones; completes with the codes it removed. */
    CompletionStage<Set<String>> removeAppsOtherThan(Set<String> appCodes);
}
