package dev.hostclone.application.port.in;

import dev.hostclone.domain.access.Actor;
import java.util.concurrent.CompletionStage;

/**
 * Sets properties on several hosts (API.md §5, batch_update_host): only editable attributes, never the
 * cloud area or inner IPs; one audit record per host. All or nothing: either every host is written with
 * its audit record, or none is.
 */
public interface BatchUpdateHostUseCase {

    CompletionStage<BatchUpdateOutcome> batchUpdateHosts(Actor actor, BatchUpdateHostCommand command);
}
