package dev.hostclone.application.port.out;

import dev.hostclone.domain.model.HostModel;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Stores new hosts with their audit records, all or nothing, planned on the host model at a revision the
 * caller read or on the model as the store holds it locked; unique rules are enforced by the store.
 */
public interface CreateHostsPort {

    /**
     * Completes with {@link HostsWriteResult.AllWritten}, or {@link HostsWriteResult.Stale} when the host
     * model moved past {@code modelRevision} (the revision the unique keys were computed with);
     * exceptionally with {@code RejectedException(Duplicated)} when a host collides with a stored one.
     */
    CompletionStage<HostsWriteResult> createHosts(long modelRevision, List<HostCreation> hosts);

    /**
     * Locks the host model, hands {@code plan} the model at the revision the lock found, and stores the
     * hosts it returns while still holding it, so that no model change can make them stale. Completes with
     * {@link HostsWriteResult.AllWritten}, or {@link HostsWriteResult.Stale} only when the database rolled
     * the write back for a concurrent one's sake; exceptionally with what {@code plan} threw, or a
     * {@code RejectedException(Duplicated)} when a host collides with a stored one or another of them.
     */
    CompletionStage<HostsWriteResult> createHostsUnderModelLock(Function<HostModel, List<HostCreation>> plan);
}
