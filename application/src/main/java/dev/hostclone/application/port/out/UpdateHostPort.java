package dev.hostclone.application.port.out;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Writes a host's changed fields and its audit record atomically, only if the host is still at the
 * version the caller read and the host model at the revision the caller planned with (optimistic
 * concurrency); unique rules are enforced by the store.
 */
public interface UpdateHostPort {

    /**
     * Completes with {@link HostWriteResult.Written} or {@link HostWriteResult.Stale}; exceptionally with a
     * {@code RejectedException(Duplicated)} when the new values collide with another host's.
     */
    CompletionStage<HostWriteResult> updateHost(HostUpdate update);

    /**
     * Writes several hosts, each with its audit record, all or nothing: {@link HostsWriteResult.Stale}
     * (nothing written) when any host or the model moved; exceptionally with a
     * {@code RejectedException(Duplicated)} when new values collide with another host's or each other's.
     */
    CompletionStage<HostsWriteResult> updateHosts(List<HostUpdate> updates);
}
