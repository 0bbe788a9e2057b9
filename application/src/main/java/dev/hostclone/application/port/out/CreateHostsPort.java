package dev.hostclone.application.port.out;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Stores new hosts with their audit records, all or nothing; unique rules are enforced by the store. */
public interface CreateHostsPort {

    /**
     * Completes with {@link HostsWriteResult.AllWritten}, or {@link HostsWriteResult.Stale} when the host
     * model moved past {@code modelRevision} (the revision the unique keys were computed with);
     * exceptionally with {@code RejectedException(Duplicated)} when a host collides with a stored one.
     */
    CompletionStage<HostsWriteResult> createHosts(long modelRevision, List<HostCreation> hosts);
}
