package dev.hostclone.application.port.out;

import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.model.HostModel;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * Writes a host's changed fields and its audit record atomically, only if the host is still at the
 * version the caller read and the host model at the revision the caller planned with (optimistic
 * concurrency), or several hosts planned on them and on the host model as they are under the store's
 * locks; unique rules are enforced by the store.
 */
public interface UpdateHostPort {

    /**
     * Completes with {@link HostWriteResult.Written} or {@link HostWriteResult.Stale}; exceptionally with a
     * {@code RejectedException(Duplicated)} when the new values collide with another host's.
     */
    CompletionStage<HostWriteResult> updateHost(HostUpdate update);

    /**
     * Writes several hosts, each with its audit record, all or nothing, planned on the hosts and the host
     * model as they are: locks the model and the hosts named, hands {@code plan} the model at the revision
     * the lock found and those hosts that exist at their current versions, in id order, and writes the
     * updates it returns while still holding them, so that no model change can make them stale.
     * {@link HostsWriteResult.Stale} (nothing written) when {@code plan} returns empty, an update names
     * another revision than the model handed over, or an update
     * writes a host not named to be written, copies from one not named, or expects another version than
     * the one handed over (a clone planned here copies from a host it names, held as locked); exceptionally
     * with what {@code plan} threw, or a {@code RejectedException(Duplicated)} when new values collide with
     * another host's or each other's.
     *
     * <p>The hosts of {@code readOnly} (those not also in {@code hosts}; a batch update names none) are
     * handed over and held as the others are, so that none changes until the write is done, but only to
     * be read: an update may copy from one and may not write one (Stale). The store may then let other
     * writes that only read them, such as clones from the same source, go on meanwhile.
     */
    CompletionStage<HostsWriteResult> updateHosts(Collection<HostId> hosts, Collection<HostId> readOnly,
                                                  BiFunction<HostModel, List<Host>, Optional<List<HostUpdate>>> plan);
}
