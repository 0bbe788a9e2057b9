package dev.hostclone.application.port.out;

import java.util.concurrent.CompletionStage;

/**
 * Writes a host's changed fields and its audit record atomically, only if the host is still at the
 * version the caller read (optimistic concurrency); unique rules are enforced by the store.
 */
public interface UpdateHostPort {

    /**
     * Completes with {@link HostWriteResult.Written} or {@link HostWriteResult.Stale}; exceptionally with a
     * {@code RejectedException(Duplicated)} when the new values collide with another host's.
     */
    CompletionStage<HostWriteResult> updateHost(HostUpdate update);
}
