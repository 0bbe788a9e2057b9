package dev.hostclone.adapter.persistence.memory;

import dev.hostclone.application.port.out.HostCreation;
import dev.hostclone.application.port.out.HostUpdate;
import dev.hostclone.application.port.out.HostWriteResult;
import dev.hostclone.application.port.out.HostsWriteResult;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.model.BatchKeys;
import dev.hostclone.domain.model.NewRuleKeys;
import dev.hostclone.domain.model.UniqueKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Hosts in memory with their inner-IP index and unique keys, each write checked in full and then
 * applied with its audit records, as {@code PostgresHosts} writes one statement. Not thread-safe: the
 * store's lock guards it.
 */
final class MemoryHosts {

    private final Map<HostId, Host> hosts = new HashMap<>();
    private final InnerIpIndex innerIps = new InnerIpIndex();
    private final UniqueKeyIndex uniqueKeys = new UniqueKeyIndex();
    private final SharedValues values;
    private final AuditLog audit;
    /** The host model's current revision: a write planned on another is stale. */
    private final LongSupplier modelRevision;
    private long lastHostId;

    MemoryHosts(SharedValues values, AuditLog audit, LongSupplier modelRevision) {
        this.values = values;
        this.audit = audit;
        this.modelRevision = modelRevision;
    }

    /**
     * The stored hosts of {@code ids}, in their order. Loops, not streams, here and in {@link #writeAll}:
     * every clone passes through both holding the lock the event loops share, and the streams' pipelines
     * were about a fifth of the time it was held.
     */
    List<Host> present(Collection<HostId> ids) {
        List<Host> found = new ArrayList<>(ids.size());
        for (HostId id : ids) {
            Host host = hosts.get(id);
            if (host != null) {
                found.add(host);
            }
        }
        return Collections.unmodifiableList(found);
    }

    /** The stored hosts holding any of the inner IPs {@code keys} names ({@link InnerIpIndex#keysOf}). */
    List<Host> holdingInnerIps(List<String> keys) {
        return present(innerIps.holders(keys));
    }

    HostWriteResult update(HostUpdate update) {
        return writeAll(List.of(update))
                .<HostWriteResult>map(written -> written.get(0))
                .orElseGet(HostWriteResult.Stale::new);
    }

    /**
     * Plans on the hosts of {@code inIdOrder} ({@code plan} given the model by the store, under its lock), then checks the plan's updates in order: one of a host not
     * {@code writable} (a host named only to be read is not the plan's to write, as on PostgreSQL, which
     * holds it shared), or copying from one not named at all, is Stale; two hosts of the batch claiming one
     * key are Duplicated; a model revision other than the current one is Stale; then update by update, a host
     * missing or at another version (counting the batch's earlier writes) is Stale, a key another host holds
     * (counting the batch's earlier claims and releases) is Duplicated. Only a batch passing all of that is
     * written. The store's one lock holds the hosts read only as it holds the others: nothing else runs
     * meanwhile, for the microseconds it takes.
     */
    HostsWriteResult update(List<HostId> inIdOrder, Set<HostId> writable, Set<HostId> readable,
                            Function<List<Host>, Optional<List<HostUpdate>>> plan) {
        return plan.apply(present(inIdOrder))
                .filter(updates -> updates.stream().allMatch(update -> update.locksOnly(writable, readable)))
                .flatMap(this::writeAll)
                .<HostsWriteResult>map(written -> new HostsWriteResult.AllWritten(written.stream().map(HostWriteResult.Written::auditId).toList()))
                .orElseGet(HostsWriteResult.Stale::new);
    }

    /** Same order of checks as {@link #update(List, Set, Set, Function)}: batch duplicates, model revision, stored keys. */
    HostsWriteResult create(long plannedRevision, List<HostCreation> creations) {
        BatchKeys.requireDistinct(creations.stream()
                .map(creation -> new BatchKeys.Claim(creation.host().id(), creation.uniqueKeys()))
                .toList());
        if (creations.isEmpty()) {
            return new HostsWriteResult.AllWritten(List.of());
        }
        if (plannedRevision != modelRevision.getAsLong()) {
            return new HostsWriteResult.Stale();
        }
        UniqueKeyIndex.Staged keys = uniqueKeys.stage();
        creations.forEach(creation -> keys.hold(creation.host().id(), creation.uniqueKeys()));
        keys.commit();
        List<Long> auditIds = new ArrayList<>(creations.size());
        for (HostCreation creation : creations) {
            Host host = values.shared(creation.host());
            hosts.put(host.id(), host);
            innerIps.add(host);
            // the record's cur_data is the created host: the document stored, not a second copy
            auditIds.add(audit.append(creation.audit(), host.document()));
        }
        return new HostsWriteResult.AllWritten(auditIds);
    }

    List<HostId> allocateIds(int count) {
        List<HostId> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(HostId.of(++lastHostId));
        }
        return ids;
    }

    /** Every stored host takes its keys under the new rule {@code ruleId}; a key two hosts share refuses them all. */
    void holdKeysOfNewRule(long ruleId, Function<Host, Collection<UniqueKey>> keysOf) {
        Map<HostId, Set<UniqueKey>> held = NewRuleKeys.of(hosts.values(), keysOf, ruleId);
        UniqueKeyIndex.Staged keys = uniqueKeys.stage();
        held.forEach(keys::add);
        keys.commit();
    }

    void releaseKeysOfRule(long ruleId) {
        uniqueKeys.removeRule(ruleId);
    }

    /**
     * The writes of {@link #update(List, Set, Set, Function)}, checked in full before anything changes: the
     * results in input order, or empty when the batch is stale.
     */
    private Optional<List<HostWriteResult.Written>> writeAll(List<HostUpdate> updates) {
        long revision = modelRevision.getAsLong();
        List<BatchKeys.Claim> claims = new ArrayList<>(updates.size());
        boolean planned = true;
        for (HostUpdate update : updates) {
            claims.add(new BatchKeys.Claim(update.host(), update.uniqueKeys()));
            planned &= update.modelRevision() == revision;
        }
        BatchKeys.requireDistinct(claims);
        if (!planned) {
            return Optional.empty();
        }
        Map<HostId, Host> written = new LinkedHashMap<>();
        UniqueKeyIndex.Staged keys = uniqueKeys.stage();
        for (HostUpdate update : updates) {
            Host current = written.containsKey(update.host()) ? written.get(update.host()) : hosts.get(update.host());
            if (current == null || current.version() != update.expectedVersion() || sourceMoved(update, written)) {
                return Optional.empty();
            }
            if (update.uniqueKeys() != null) {
                keys.hold(current.id(), update.uniqueKeys());
            }
            written.put(current.id(), current.with(values.sharedValueOf(update.changes(), HostFields.UPDATED_BY)));
        }
        keys.commit();
        written.values().forEach(next -> {
            Host previous = hosts.put(next.id(), next);
            innerIps.replace(previous, next);
        });
        List<HostWriteResult.Written> results = new ArrayList<>(updates.size());
        for (HostUpdate update : updates) {
            results.add(new HostWriteResult.Written(update.expectedVersion() + 1, audit.append(update.audit())));
        }
        return Optional.of(results);
    }

    /** Whether the host {@code update} copies from is gone or at another version than it was read at. */
    private boolean sourceMoved(HostUpdate update, Map<HostId, Host> written) {
        HostUpdate.CopiedFrom source = update.copiedFrom();
        if (source == null) {
            return false;
        }
        Host current = written.containsKey(source.host()) ? written.get(source.host()) : hosts.get(source.host());
        return current == null || current.version() != source.version();
    }
}
