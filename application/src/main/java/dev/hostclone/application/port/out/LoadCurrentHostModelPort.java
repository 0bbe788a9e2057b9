package dev.hostclone.application.port.out;

import dev.hostclone.domain.model.HostModel;
import java.util.concurrent.CompletionStage;

/**
 * Reads the host model as of every change committed before the call, by whichever server: for a
 * decision no write checks again, a refusal or an answer. {@link LoadHostModelPort} may give a cached
 * copy a change has not reached yet, which only a write planned on it can tell (it finds it stale).
 */
public interface LoadCurrentHostModelPort {

    CompletionStage<HostModel> loadCurrentHostModel();
}
