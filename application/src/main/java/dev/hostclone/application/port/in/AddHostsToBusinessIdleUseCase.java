package dev.hostclone.application.port.in;

import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.host.HostId;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Adds 1..200 hosts to a business's idle pool, all or nothing (API.md §5, add_host_to_business_idle). */
public interface AddHostsToBusinessIdleUseCase {

    /** Completes with the new host ids, in input order. */
    CompletionStage<List<HostId>> addHostsToBusinessIdle(Actor actor, AddHostsCommand command);
}
